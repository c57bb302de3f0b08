package ai.bai.manager.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Which Unix user a session's processes run as. Session code never runs as root: when the manager is root,
 * each live session gets a numeric uid of its own from a reserved range (so sessions cannot touch each other's
 * files, and every process of a session can be found by its uid); otherwise sessions run as the manager's user.
 */
public final class SessionUsers {
    public static final int DEFAULT_BASE = 1_500_000;
    public static final int RANGE = 100_000;

    private final int managerUid;
    private final int base;
    private final int offset;

    /** @param homeSalt distinguishes managers of different homes, so their sessions start apart in the range */
    public SessionUsers(int managerUid, int base, String homeSalt) {
        this.managerUid = managerUid;
        this.base = base;
        this.offset = Math.floorMod(homeSalt.hashCode(), RANGE);
    }

    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell which user the manager runs as", e);
        }
    }

    /** Whether sessions run as users of their own (the manager is root and must drop privileges). */
    public boolean dedicated() {
        return managerUid == 0;
    }

    /** The uid for a new session: derived from its sequence number, skipping uids that are in use. */
    public int allocate(long seq, Set<Integer> inUse) {
        if (!dedicated()) {
            return managerUid;
        }
        for (int i = 0; i < RANGE; i++) {
            int uid = base + (int) ((offset + seq + i) % RANGE);
            if (!inUse.contains(uid)) {
                return uid;
            }
        }
        throw new IllegalStateException("all " + RANGE + " session uids are in use");
    }
}
