package ai.bai.manager.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageCatalogTest {
    final ImageCatalog images = new ImageCatalog(false, "3.11.2");

    @ParameterizedTest
    @CsvSource({"python, python", "python3, python", "py, python", "PYTHON, python", "python:latest, python",
            "python:3.11, python", "python:3.11-ubuntu22.04, python", "bash, bash", "sh, bash", "shell, bash"})
    void exactNamesAndAliasesResolveSilently(String name, String runtime) {
        var r = images.resolve(name);
        assertEquals(runtime, r.runtime().name());
        assertNull(r.notice());
    }

    @ParameterizedTest
    @CsvSource({"python:3.6-ubuntu18.04", "lablup/python:3.6-ubuntu18.04", "cr.backend.ai/stable/python:3.9"})
    void seedNamesFallBackWithANotice(String name) {
        var r = images.resolve(name);
        assertEquals("python", r.runtime().name());
        assertTrue(r.notice().contains("'" + name + "' is not available locally; using the local Python 3.11.2"));
    }

    @Test
    void strictResolutionRefusesSeedNames() {
        var strict = new ImageCatalog(true, "3.11.2");
        var e = assertThrows(IllegalArgumentException.class, () -> strict.resolve("python:3.6-ubuntu18.04"));
        assertTrue(e.getMessage().contains("strict image resolution is on"));
        assertEquals("python", strict.resolve("python").runtime().name());
    }

    @Test
    void unknownImagesListWhatExists() {
        var e = assertThrows(IllegalArgumentException.class, () -> images.resolve("tensorflow:2.1"));
        assertEquals("unknown image 'tensorflow:2.1'; available: bash (aliases: sh, shell), python (aliases: "
                + "python3, py)", e.getMessage());
    }
}
