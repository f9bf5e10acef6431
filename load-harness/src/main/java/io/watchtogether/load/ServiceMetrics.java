package io.watchtogether.load;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and heap of one service, read from its actuator ({@code process.cpu.usage}, {@code jvm.memory.used} of the
 * heap) once a second while the load runs. When the service does not expose those metrics it says "unavailable"
 * after the first try and is not asked again.
 */
final class ServiceMetrics {

    private final String name;
    private final URI base;
    private final SystemApi api;
    private boolean available = true;
    private int samples;
    private double cpuSum;
    private double cpuMax;
    private double heapMax;
    private double heapLast;

    ServiceMetrics(String name, URI base, SystemApi api) {
        this.name = name;
        this.base = base;
        this.api = api;
    }

    synchronized void sample() {
        if (!available) {
            return;
        }
        Double cpu = api.metric(base, "process.cpu.usage");
        Double heap = api.metric(base, "jvm.memory.used?tag=area:heap");
        if (cpu == null || heap == null) {
            available = samples > 0;
            return;
        }
        samples++;
        cpuSum += cpu;
        cpuMax = Math.max(cpuMax, cpu);
        heapLast = heap;
        heapMax = Math.max(heapMax, heap);
    }

    String name() {
        return name;
    }

    synchronized String line() {
        return !available || samples == 0 ? name + " cpu/heap unavailable (actuator metrics not exposed)"
                : String.format("%s cpu mean %.0f%% max %.0f%% of the machine, heap %.0f MB (max %.0f MB)", name,
                        100 * cpuSum / samples, 100 * cpuMax, heapLast / 1e6, heapMax / 1e6);
    }

    synchronized Object json() {
        if (!available || samples == 0) {
            return "unavailable";
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", base.toString());
        json.put("cpuMean", cpuSum / samples);
        json.put("cpuMax", cpuMax);
        json.put("heapUsedBytes", (long) heapLast);
        json.put("heapUsedMaxBytes", (long) heapMax);
        json.put("samples", samples);
        return json;
    }

    /** The http(s) base of a ws(s) endpoint. */
    static URI httpBase(URI endpoint) {
        String scheme = "wss".equals(endpoint.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + endpoint.getAuthority() + "/");
    }
}
