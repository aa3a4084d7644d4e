package org.ccagraph.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

/**
 * Loads neo4j-admin import files with Neo4j's own bulk importer into a fresh
 * store under DIR, then serves that store as {@link Launcher} does (Bolt on
 * 127.0.0.1:PORT, "bolt://127.0.0.1:PORT" on stdout once it is up).
 *
 * <p>The arguments after DIR are those of {@code neo4j-admin}, starting with
 * {@code database import full}: the command that README.txt beside the files
 * gives, run by Neo4j's admin tool in this JVM (NEO4J_HOME is DIR). Relative
 * file names are read from the working directory. The importer's report goes
 * to stderr; when it fails, the process exits with its exit code.
 *
 * <p>Usage: java -cp CLASSPATH org.ccagraph.neo4j.ImportLauncher PORT DIR database import full [OPTIONS] [DATABASE]
 */
public final class ImportLauncher {
    private static final List<String> COMMAND = List.of("database", "import", "full");

    private ImportLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || !Arrays.asList(args).subList(2, 5).equals(COMMAND)) {
            System.err.println("usage: ImportLauncher PORT DIR database import full [OPTIONS] [DATABASE]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Paths.get(args[1]).toAbsolutePath();
        if (!isEmptyOrAbsent(home)) {
            // a full import builds a store from nothing; an old one under DIR would be served instead
            System.err.println(home + ": not empty; the import needs a fresh directory");
            System.exit(2);
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        // stdout carries only the Bolt URI, which callers wait for
        var context = new ExecutionContext(home, conf, System.err, System.err, new DefaultFileSystemAbstraction());
        int code = AdminTool.execute(context, Arrays.copyOfRange(args, 2, args.length));
        if (code != 0) {
            System.err.println("neo4j-admin database import full failed with exit code " + code);
            System.exit(code);
        }
        // serve the imported store where the importer wrote it, not a copy
        Path data = home.resolve("data");
        Launcher.serveUntilStopped(
            Launcher.onLoopback(home.resolve("server"), port).withConfig(GraphDatabaseSettings.data_directory, data),
            port);
    }

    private static boolean isEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
