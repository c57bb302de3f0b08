package ai.bai.manager.session;

import ai.bai.api.SafePaths;
import ai.bai.api.SessionStatus;
import ai.bai.manager.ApiProblem;
import ai.bai.manager.agent.LocalAgent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Files of a session: uploads into its /home/work and its container log. */
public final class SessionFiles {
    private final LocalAgent agent;

    public SessionFiles(LocalAgent agent) {
        this.agent = agent;
    }

    /** One uploaded part: its destination relative to /home/work, and its bytes. */
    public record Upload(String filename, ContentSource content) {
    }

    /** Opens an upload's bytes. */
    @FunctionalInterface
    public interface ContentSource {
        InputStream open() throws IOException;
    }

    /**
     * Writes every part under the session's /home/work, creating folders, owned by the session's user. All
     * names are checked before anything is written, so one bad name writes nothing.
     */
    public void upload(SessionRecord s, List<Upload> uploads) throws IOException {
        if (s.status() != SessionStatus.RUNNING || s.kernel() == null) {
            throw ApiProblem.badRequest("session '" + s.name() + "' is " + s.status() + "; files can be uploaded "
                    + "only to RUNNING sessions");
        }
        if (uploads.isEmpty()) {
            throw ApiProblem.badRequest("no files: send multipart parts named 'src' whose filename is the "
                    + "destination under /home/work");
        }
        Path work = agent.workdir(s.kernel());
        List<Path> targets = new ArrayList<>();
        for (Upload u : uploads) {
            targets.add(SafePaths.resolveInside(work, decode(u.filename())));
        }
        for (int i = 0; i < uploads.size(); i++) {
            write(work, targets.get(i), uploads.get(i), s);
        }
    }

    /** The session's kernel output (what its processes wrote outside of runs). */
    public String logs(SessionRecord s) throws IOException {
        Path log = logFile(s);
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public Path logFile(SessionRecord s) {
        return agent.logFile(s.id());
    }

    private void write(Path work, Path target, Upload u, SessionRecord s) throws IOException {
        List<Path> created = new ArrayList<>();
        for (Path p = target.getParent(); p != null && p.startsWith(work) && !Files.exists(p); p = p.getParent()) {
            created.add(0, p);
        }
        for (Path dir : created) {
            Files.createDirectory(dir);
            agent.handOver(dir, s.kernel());
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiProblem.badRequest("'" + decode(u.filename()) + "' is a folder in the session");
        }
        Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try (InputStream in = u.content().open()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            agent.handOver(tmp, s.kernel());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Clients percent-encode the destination (aiohttp sends {@code sub%2Fnested.txt}); '+' stays a plus. */
    static String decode(String filename) {
        if (filename == null) {
            return null;
        }
        return URLDecoder.decode(filename.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
