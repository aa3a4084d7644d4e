package org.ccagraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Starts Neo4j with Bolt on 127.0.0.1:PORT, authentication off, data under DIR,
 * prints "bolt://127.0.0.1:PORT" once it accepts connections, and runs until
 * it is stopped (SIGTERM or SIGINT shut it down cleanly).
 *
 * Usage: java -cp CLASSPATH org.ccagraph.neo4j.Launcher PORT DIR
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher PORT DATA_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dir = Paths.get(args[1]).toAbsolutePath();
        Files.createDirectories(dir);
        serveUntilStopped(onLoopback(dir, port), port);
    }

    /** A server with Bolt on 127.0.0.1:PORT only (no HTTP, no authentication), its files under DIR. */
    static Neo4jBuilder onLoopback(Path dir, int port) {
        var address = new SocketAddress("127.0.0.1", port);
        return Neo4jBuilders.newInProcessBuilder(dir)
            .withDisabledServer()
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.listen_address, address)
            .withConfig(BoltConnector.advertised_address, address)
            .withConfig(HttpConnector.enabled, false)
            .withConfig(GraphDatabaseSettings.auth_enabled, false);
    }

    /** Start the server, announce its Bolt URI on stdout (callers wait for it), block until the JVM stops. */
    static void serveUntilStopped(Neo4jBuilder builder, int port) throws InterruptedException {
        Neo4j neo4j = builder.build();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            neo4j.close();
            stop.countDown();
        }));
        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();
        stop.await();
    }
}
