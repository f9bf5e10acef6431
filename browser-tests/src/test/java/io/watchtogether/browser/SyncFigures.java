package io.watchtogether.browser;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured figures of one test: printed as a block (the test's stdout, in
 * {@code target/surefire-reports/*-output.txt}) and written as JSON to {@code target/sync-figures/<name>.json},
 * where docs/sync.md's numbers come from.
 */
final class SyncFigures {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SyncFigures() {
    }

    static Path directory() {
        return Path.of(System.getProperty("wt.sync-figures.dir", "target/sync-figures"));
    }

    static Path screenshots() {
        return Path.of(System.getProperty("wt.screenshots.dir", "target/screenshots"));
    }

    /** Prints {@code figures} under a title and writes them as {@code <name>.json}; returns the file. */
    static Path report(String name, String title, Map<String, Object> figures) {
        String json = JSON.writeValueAsString(figures);
        String line = "=".repeat(78);
        System.out.println(String.join(System.lineSeparator(), line, "  " + title, line, json, line));
        try {
            Files.createDirectories(directory());
            Path file = directory().resolve(name + ".json");
            Files.writeString(file, json + System.lineSeparator());
            System.out.println("written " + file.toAbsolutePath());
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw data (the samples behind the figures) as {@code <name>.json}, without printing it. */
    static Path write(String name, Object data) {
        try {
            Files.createDirectories(directory());
            Path file = directory().resolve(name + ".json");
            JSON.writeValue(file.toFile(), data);
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** p50, p95, p99 and max of {@code values} (nearest rank), rounded to 0.01, with the count (alone when 0). */
    static Map<String, Object> distribution(double[] values) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("count", values.length);
        if (values.length == 0) {
            return figures;
        }
        figures.put("p50", round(percentile(values, 50)));
        figures.put("p95", round(percentile(values, 95)));
        figures.put("p99", round(percentile(values, 99)));
        figures.put("max", round(percentile(values, 100)));
        return figures;
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p} % of the values at or below it. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
