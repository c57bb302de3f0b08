package ai.bai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathsTest {
    @TempDir
    Path root;

    @Test
    void resolvesRelativeAndHomeWorkPaths() {
        assertEquals(root.resolve("a/b.txt"), SafePaths.resolveInside(root, "a/b.txt"));
        assertEquals(root.resolve("a/b.txt"), SafePaths.resolveInside(root, "/home/work/a/b.txt"));
        assertEquals(root, SafePaths.resolveInside(root, "/home/work"));
        assertEquals(root.resolve("c"), SafePaths.resolveInside(root, "a/../c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "/home/workshop/x", "/home/work/../x", "", "a\0b"})
    void refusesPathsThatLeaveTheRoot(String path) {
        var e = assertThrows(IllegalArgumentException.class, () -> SafePaths.resolveInside(root, path));
        assertTrue(e.getMessage().contains("/home/work"), e.getMessage());
    }

    @Test
    void refusesSymbolicLinksThatPointOutside() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("missing"));
        Files.createDirectories(root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("fine"), root.resolve("inner"));

        assertThrows(IllegalArgumentException.class, () -> SafePaths.resolveInside(root, "escape/file"));
        assertThrows(IllegalArgumentException.class, () -> SafePaths.resolveInside(root, "escape"));
        assertThrows(IllegalArgumentException.class, () -> SafePaths.resolveInside(root, "dangling"));
        assertEquals(root.resolve("fine/x"), SafePaths.resolveInside(root, "fine/x"));
    }

    @Test
    void generatedPathsNeverResolveOutsideTheRoot() {
        Random random = new Random(42);
        String[] parts = {"a", "..", ".", "b", "", "/", "//", "c..", "..d", "/home/work", "~", "%2e%2e"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(6);
            for (int j = 0; j < n; j++) {
                sb.append(parts[random.nextInt(parts.length)]).append(random.nextBoolean() ? "/" : "");
            }
            try {
                Path p = SafePaths.resolveInside(root, sb.toString());
                assertTrue(p.normalize().startsWith(root), sb + " -> " + p);
            } catch (IllegalArgumentException refused) {
                // refusing is always safe
            }
        }
    }
}
