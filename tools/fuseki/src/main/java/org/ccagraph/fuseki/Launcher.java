package org.ccagraph.fuseki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Starts Apache Jena Fuseki on 127.0.0.1:PORT serving one dataset, /cca, with
 * SPARQL query, SPARQL update and the Graph Store Protocol (read-write at
 * /cca/data, read-only at /cca/get). The dataset is TDB2: in memory, or on disk
 * under DIR when one is given. Its default graph for queries is the union of
 * the named graphs, as cca-graph's embedded store reads it, so a catalogue
 * question gives the same rows here and there. With --passwd FILE every
 * request, reads included, needs HTTP Basic authentication as a user of FILE
 * (Jetty's format, one "user: password" a line), as a store shared by a team
 * is set up. Prints "http://127.0.0.1:PORT/cca" once it accepts requests, and
 * runs until it is stopped (SIGTERM or SIGINT shut it down cleanly).
 *
 * Usage: java -cp CLASSPATH org.ccagraph.fuseki.Launcher PORT [DIR] [--passwd FILE]
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        String passwd = null;
        int positional = args.length;
        if (args.length >= 2 && args[args.length - 2].equals("--passwd")) {
            passwd = Paths.get(args[args.length - 1]).toAbsolutePath().toString();
            positional -= 2;
        }
        if (positional < 1 || positional > 2 || args[positional - 1].startsWith("--")) {
            System.err.println("usage: Launcher PORT [TDB2_DIR] [--passwd FILE]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        DatasetGraph dataset;
        if (positional == 2) {
            Path dir = Paths.get(args[1]).toAbsolutePath();
            Files.createDirectories(dir);
            dataset = DatabaseMgr.connectDatasetGraph(dir.toString());
        } else {
            dataset = DatabaseMgr.createDatasetGraph();
        }
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        // joins whose left side is empty, without Jena 5.6's failure on them (see JoinExecutor)
        QC.setFactory(TDBInternal.getDatasetGraphTDB(dataset).getContext(), JoinExecutor.FACTORY);
        FusekiServer.Builder builder = FusekiServer.create()
            .port(port)
            .loopback(true)
            .enablePing(true)
            .add("/cca", dataset, true);
        if (passwd != null) {
            // any user of the file, for every endpoint: a wrong or missing login is HTTP 401
            builder.passwordFile(passwd).auth(AuthScheme.BASIC).serverAuthPolicy(Auth.ANY_USER);
        }
        FusekiServer server = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            dataset.close();
        }));
        server.start();
        System.out.println("http://127.0.0.1:" + server.getHttpPort() + "/cca");
        System.out.flush();
        server.join();
    }
}
