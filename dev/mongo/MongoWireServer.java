import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.concurrent.CountDownLatch;

/**
 * MongoDB wire-protocol server with an in-memory backend, for local development and tests.
 *
 * <p>Run with the single-file source launcher:
 * {@code java -cp <classpath> dev/mongo/MongoWireServer.java [host] [port] [--oplog]}.
 * It serves until the JVM is asked to stop (SIGTERM / SIGINT), then closes its listener and
 * client connections. All data lives in memory and is lost on exit.
 *
 * <p>{@code --oplog} enables the server's oplog, which change streams need. It is off by default.
 */
public class MongoWireServer {

    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;
        boolean oplog = false;
        for (int i = 2; i < args.length; i++) {
            if ("--oplog".equals(args[i])) {
                oplog = true;
            } else {
                System.err.println("unknown argument: " + args[i]);
                System.exit(2);
            }
        }

        MongoServer server = new MongoServer(new MemoryBackend());
        if (oplog) {
            server.enableOplog();
        }
        server.bind(host, port);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("MongoWireServer: shutting down");
            server.shutdownNow();
            stopped.countDown();
        }, "mongo-wire-shutdown"));

        System.out.println("MongoWireServer: listening on " + host + ":" + port
                + " (memory backend" + (oplog ? ", oplog" : "") + ")");
        stopped.await();
    }
}
