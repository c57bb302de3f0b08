package ai.bai.manager;

import java.util.concurrent.CountDownLatch;

/** The {@code bai server} process: runs an embedded manager until it is told to stop (SIGTERM, SIGINT). */
public final class ManagerMain {
    private ManagerMain() {
    }

    public static void main(String[] args) throws Exception {
        ManagerConfig config = ManagerConfig.fromEnvironment(System.getenv());
        Manager manager;
        try {
            manager = Manager.start(config);
        } catch (RuntimeException e) {
            System.err.println("bai server: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.close();
            stopped.countDown();
        }, "bai-manager-shutdown"));
        System.err.println("bai server: listening on " + manager.url() + " (BAI_HOME=" + config.files().home() + ")");
        stopped.await();
    }
}
