package ai.bai.manager;

import ai.bai.api.Json;
import ai.bai.manager.store.KeypairStore;
import ai.bai.manager.store.KeypairStore.Keypair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/** The manager's own keypair: generated on first start, stored in the database and in a 0600 file for clients. */
final class Keypairs {
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";

    private Keypairs() {
    }

    static Keypair ensure(KeypairStore store, Path file) throws IOException {
        Keypair k = store.first().orElseGet(() -> {
            Keypair fresh = generate();
            store.insert(fresh);
            return fresh;
        });
        writeFile(file, k);
        return k;
    }

    private static Keypair generate() {
        SecureRandom random = new SecureRandom();
        return new Keypair("AKIA" + pick(random, UPPER, 16), pick(random, SECRET, 40), "local-user", true);
    }

    private static void writeFile(Path file, Keypair k) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("access_key", k.accessKey());
        keys.put("secret_key", k.secretKey());
        Files.writeString(tmp, Json.write(keys));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pick(SecureRandom random, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
