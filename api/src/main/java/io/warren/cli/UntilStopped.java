package io.warren.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a command's services running until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes them. */
final class UntilStopped {
    private UntilStopped() {}

    static void await(AutoCloseable services) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("warren: stopping");
            try {
                services.close();
            } catch (Exception e) {
                System.err.println("warren: stopping failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
    }
}
