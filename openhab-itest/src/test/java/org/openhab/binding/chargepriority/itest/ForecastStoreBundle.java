package org.openhab.binding.chargepriority.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds, at test time, the OSGi bundle of {@code src/test/resources/forecast-store}: an in-memory
 * {@code ModifiablePersistenceService} ({@code itest}) that stores future values, which openHAB core does not ship.
 * Its source is compiled with the JDK's compiler against the real openHAB 4.3.11 jars the harness installed into the
 * local Maven repository; the jar gets a hand-written OSGi manifest (no bnd, nothing from the network).
 */
final class ForecastStoreBundle {

    static final String SERVICE_ID = "itest";
    static final String BSN = "org.openhab.binding.chargepriority.itest.store";
    private static final String SOURCE = "forecast-store/org/openhab/binding/chargepriority/itest/store/"
            + "ForecastStore.java";
    private static final String OH = "4.3.11";
    /** Exactly the packages the class uses, in the version ranges openHAB 4.3.11 (and its Felix) export. */
    private static final String IMPORTS = String.join(",", //
            "org.openhab.core.items;version=\"[4.3,5)\"", //
            "org.openhab.core.persistence;version=\"[4.3,5)\"", //
            "org.openhab.core.persistence.strategy;version=\"[4.3,5)\"", //
            "org.openhab.core.types;version=\"[4.3,5)\"", //
            "org.osgi.framework;version=\"[1.8,2)\"");

    private ForecastStoreBundle() {
    }

    /** Compiles the store and writes its bundle into {@code dir}; returns the jar. */
    static Path build(Path dir) throws IOException {
        Path repo = localRepository();
        List<Path> classpath = List.of(
                repo.resolve("org/openhab/core/bundles/org.openhab.core.persistence/" + OH
                        + "/org.openhab.core.persistence-" + OH + ".jar"),
                repo.resolve("org/openhab/core/bundles/org.openhab.core/" + OH + "/org.openhab.core-" + OH + ".jar"),
                osgiFramework(repo));
        for (Path jar : classpath) {
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError("not in the local Maven repository (built by ../shared/openhab-real): " + jar);
            }
        }
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Path source = src.resolve(SOURCE.substring("forecast-store/".length()));
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        try (InputStream in = ForecastStoreBundle.class.getClassLoader().getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new AssertionError("no test resource " + SOURCE);
            }
            Files.copy(in, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("no Java compiler in this JVM (a JRE, not a JDK?): " + System.getProperty("java.home"));
        }
        StringWriter diagnostics = new StringWriter();
        List<String> options = new ArrayList<>(List.of("--release", "17", "-proc:none", "-Xlint:all,-processing",
                "-d", classes.toString(), "-classpath",
                String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        boolean compiled = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                .call();
        if (!compiled) {
            throw new AssertionError("the forecast store does not compile against openHAB " + OH + ":\n" + diagnostics);
        }

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", BSN);
        main.putValue("Bundle-Name", "Charge Priority integration test :: in-memory forecast persistence");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", "org.openhab.binding.chargepriority.itest.store.ForecastStore");
        main.putValue("Import-Package", IMPORTS);
        Path jar = dir.resolve(BSN + "-1.0.0.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The persistence model file that gives the store {@code Plan_Power}'s time series (openHAB 4.1+). */
    static String persistModel(String item) {
        // 'Strategies { }' may be empty but not left out (Persistence.xtext of 4.3.11); 'forecast' is a global one.
        return "Strategies {\n}\n\nItems {\n    " + item + " : strategy = forecast\n}\n";
    }

    private static Path localRepository() {
        String configured = System.getProperty("local.repository", "");
        return configured.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(configured);
    }

    /** The OSGi core API openHAB 4.3.11 compiles against (its BOM: osgi.core 8.0.0), else any the repository has. */
    private static Path osgiFramework(Path repo) throws IOException {
        Path preferred = repo.resolve("org/osgi/osgi.core/8.0.0/osgi.core-8.0.0.jar");
        if (Files.isRegularFile(preferred)) {
            return preferred;
        }
        for (Path dir : List.of(repo.resolve("org/osgi/osgi.core"), repo.resolve("org/osgi/org.osgi.framework"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> jars = Files.walk(dir)) {
                    Path found = jars.filter(p -> p.toString().endsWith(".jar") && !p.toString().endsWith("-sources.jar"))
                            .max(Comparator.comparing(Path::toString)).orElse(null);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return preferred; // reported as missing by build()
    }
}
