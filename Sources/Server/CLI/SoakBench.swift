import Analysis
import ArgumentParser
import Foundation
import Logging
import Receiver
import Storage
import Synchronization
import Telemetry

/// `skymesh bench soak`: an hour (or more) of simulated wide-mesh traffic through the real pipeline, flusher and
/// purger into a real SQLite file, as fast as one feeding thread goes.
///
/// Entry start times advance one simulated minute per `cyclesPerMinute` cycles over every sidecar's stream, starting
/// a day and `expiredMinutes` minutes ago with a one-day minute TTL, so the purger deletes the first minutes' rows
/// while later ones are written. Reports the ingestion rate in windows that overlap a flush or a purge against the
/// others, the longest single `consume` call (a stall of the feeding thread), the longest drain (what a shard's
/// lock is held for) and the resident memory each simulated minute and at the end. The mesh is
/// `AccessLogFixtures.MeshShape.memoryTarget` unless the ``MeshShapeOptions`` change it.
package struct SoakBench: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Feed simulated mesh traffic through pipeline, flusher and purger; report rates, stalls and memory.",
        discussion: """
            The mesh has \(AccessLogFixtures.MeshShape.memoryTarget.services) services of \
            \(AccessLogFixtures.MeshShape.memoryTarget.instancesPerService) instances and \
            \(AccessLogFixtures.MeshShape.memoryTarget.endpointsPerService) endpoints unless the options change it.
            """)

    @OptionGroup var mesh: MeshShapeOptions
    @Option(help: "Simulated minutes of traffic.") var minutes = 65
    @Option(help: "HTTP entries per message.") var entriesPerMessage = 25
    @Option(help: "Messages each sidecar sends per simulated minute.") var cyclesPerMinute = 2
    @Option(help: "Simulated minutes that are already past the one-day minute TTL when written.")
    var expiredMinutes = 30
    @Option(help: "Aggregation shards.") var shards = 2
    @Option(help: "Peer identities each stream caches (MxMeshOptions.maxCachedPeersPerStream).")
    var maxCachedPeersPerStream = MxMeshOptions().maxCachedPeersPerStream
    @Option(help: "Seconds between flushes.") var flushInterval = 0.5
    @Option(help: "Seconds between TTL purges.") var purgeInterval = 2.0
    @Option(help: "Milliseconds per ingestion-rate window.") var windowMilliseconds = 100
    @Option(help: "Directory for the temporary database.") var directory = NSTemporaryDirectory()

    /// Creates the command (argument-parser calls this).
    package init() {}

    /// Refuses settings the run would crash on (a zero-width rate window divides by zero) or spin with (no pause
    /// between flushes or purges), and shapes that feed nothing.
    package func validate() throws {
        guard self.minutes >= 1, self.entriesPerMessage >= 1, self.cyclesPerMinute >= 1, self.shards >= 1,
            self.windowMilliseconds >= 1, self.expiredMinutes >= 0
        else {
            throw ValidationError(
                "--minutes, --entries-per-message, --cycles-per-minute, --shards and --window-milliseconds must be at "
                    + "least 1, --expired-minutes at least 0")
        }
        guard self.flushInterval > 0, self.purgeInterval > 0 else {
            throw ValidationError("--flush-interval and --purge-interval must be above 0")
        }
    }

    package func run() throws {
        let shape = self.mesh.shape(defaults: .memoryTarget)
        let identifiers = try (0..<shape.sidecarCount).map { sidecar in
            try AccessLogDecoder.decodeMessage(AccessLogFixtures.meshIdentifierMessage(shape, sidecar: sidecar)[...])
                .identifier
        }
        let entriesPerMinute = shape.sidecarCount * self.cyclesPerMinute * self.entriesPerMessage
        print(
            "mesh: \(shape.services) services, \(shape.sidecarCount) instances (one stream each), "
                + "\(shape.services * shape.endpointsPerService) endpoints, \(shape.callsPerService) callees per "
                + "service; \(entriesPerMinute) entries per simulated minute, \(self.minutes) minutes")
        let baseline = ResidentMemory.currentMegabytes()
        print("rss before pipeline: \(Self.format(baseline)) MB")

        let folder = (self.directory as NSString).appendingPathComponent("skymesh-soak-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var storage = StorageConfiguration(path: (folder as NSString).appendingPathComponent("soak.db"))
        storage.metricsMinuteTTLDays = 1
        var logger = Logger(label: "skymesh.soak")
        logger.logLevel = .warning
        let registry = MetricsRegistry()
        var options = MxMeshOptions()
        options.maxCachedPeersPerStream = self.maxCachedPeersPerStream
        let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: options)
        let pipeline = AnalysisPipeline(
            httpAnalyzers: [analyzer], tcpAnalyzers: [analyzer], rules: DispatchRules(), shardCount: self.shards,
            metrics: registry)
        let activities = Mutex<[FlusherActivity]>([])
        let flusher = try MetricFlusher(
            pipeline: pipeline, storage: storage, flushInterval: .milliseconds(Int64(self.flushInterval * 1000)),
            purgeInterval: .milliseconds(Int64(self.purgeInterval * 1000)), maxPendingSeries: 10_000_000,
            logger: logger, metrics: registry, observer: { activity in activities.withLock { $0.append(activity) } })
        let consumers = (0..<shape.sidecarCount).map { _ in pipeline.makeStreamConsumer(api: .v3) }

        // Simulated time: minute 0 starts `expiredMinutes` before "one day ago".
        let now = Int64(Date().timeIntervalSince1970)
        let firstMinute = (now - 86_400 - Int64(self.expiredMinutes) * 60) / 60 * 60
        let fixtureSeconds = AccessLogFixtures.epochNanoseconds / 1_000_000_000
        let window = Duration.milliseconds(Int64(self.windowMilliseconds))
        var windows = SoakWindows(width: window)
        var residentByMinute: [Double] = []
        flusher.start()
        let started = ContinuousClock.now
        windows.start = started
        for minute in 0..<self.minutes {
            let shift = firstMinute + Int64(minute) * 60 - fixtureSeconds
            for cycle in 0..<self.cyclesPerMinute {
                for sidecar in 0..<shape.sidecarCount {
                    // Generated as a sidecar would send it (no input set kept in memory): each message continues
                    // the sidecar's sequence of calls, so over time every endpoint and peer pair is visited.
                    let bytes = AccessLogFixtures.meshMessage(
                        shape, sidecar: sidecar,
                        firstIndex: (minute * self.cyclesPerMinute + cycle) * self.entriesPerMessage,
                        entryCount: self.entriesPerMessage, startNanoseconds: AccessLogFixtures.epochNanoseconds,
                        includeIdentifier: false)
                    var decoded = try AccessLogDecoder.decodeMessage(bytes[...])
                    for index in decoded.httpEntries.indices {
                        decoded.httpEntries[index].common.startTime?.seconds += shift
                    }
                    let batch = AccessLogBatch(
                        api: .v3, identifier: identifiers[sidecar], identifierVersion: 1,
                        httpEntries: decoded.httpEntries, tcpEntries: decoded.tcpEntries)
                    let usageBefore = ThreadUsage.current()
                    let before = ContinuousClock.now
                    consumers[sidecar].consume(batch)
                    let after = ContinuousClock.now
                    let usageAfter = ThreadUsage.current()
                    let usage = ThreadUsage(
                        cpu: usageAfter.cpu - usageBefore.cpu,
                        voluntarySwitches: usageAfter.voluntarySwitches - usageBefore.voluntarySwitches,
                        involuntarySwitches: usageAfter.involuntarySwitches - usageBefore.involuntarySwitches)
                    windows.record(
                        entries: decoded.httpEntries.count, consumed: after - before, usage: usage, at: after)
                }
            }
            let resident = ResidentMemory.currentMegabytes()
            residentByMinute.append(resident)
            print(
                "simulated minute \(minute + 1): rss \(Self.format(resident)) MB (malloc in use "
                    + "\(Self.format(ResidentMemory.mallocInUseMegabytes())) MB, SQLite "
                    + "\(Self.format(Double(SQLiteConnection.memoryUsed) / 1_048_576)) MB), "
                    + "\(Self.format((ContinuousClock.now - started).seconds)) s")
        }
        let fed = ContinuousClock.now
        // The streams stay open, as a server's do: their analyzers' caches count in the memory at the end.
        defer { withExtendedLifetime(consumers) {} }
        print(
            "before the final flush: rss \(Self.format(ResidentMemory.currentMegabytes())) MB (malloc in use "
                + "\(Self.format(ResidentMemory.mallocInUseMegabytes())) MB)")
        flusher.stop()
        let stopped = ContinuousClock.now
        let finalResident = ResidentMemory.currentMegabytes()
        self.report(
            windows: windows, activities: activities.withLock { $0 }, fed: fed - started,
            stop: stopped - fed, residentByMinute: residentByMinute, finalResident: finalResident,
            baseline: baseline, registry: registry)
    }

    private func report(
        windows: SoakWindows, activities: [FlusherActivity], fed: Duration, stop: Duration, residentByMinute: [Double],
        finalResident: Double, baseline: Double, registry: MetricsRegistry
    ) {
        let flushes = activities.filter { $0.kind == .flush }
        let purges = activities.filter { $0.kind == .purge }
        let checkpoints = activities.filter { $0.kind == .checkpoint }
        let classified = windows.classify(flushes: flushes, purges: purges, checkpoints: checkpoints)
        print(
            "fed \(windows.totalEntries) entries in \(Self.format(fed.seconds)) s "
                + "(\(Int(Double(windows.totalEntries) / fed.seconds)) entries/s); final flush took "
                + "\(Self.format(stop.seconds)) s")
        for (name, list) in [
            ("overlapping a flush", classified.flush), ("overlapping a purge", classified.purge),
            ("overlapping a checkpoint", classified.checkpoint), ("overlapping none", classified.neither),
        ] {
            let rates = list.map(\.rate).sorted()
            let consumeRates = list.map(\.consumeRate).sorted()
            let cpuRates = list.map(\.cpuRate).sorted()
            let stall = list.map(\.longestConsume).max() ?? .zero
            let blocked = list.reduce(0) { $0 + $1.bucket.blocked }
            let longestBlocked = list.map(\.bucket.longestBlocked).max() ?? .zero
            let preempted = list.reduce(0) { $0 + $1.bucket.preempted }
            let consumed = list.reduce(Duration.zero) { $0 + $1.bucket.consumed }
            let consumedCPU = list.reduce(Duration.zero) { $0 + $1.bucket.consumedCPU }
            print(
                "windows \(name): \(list.count); median ingest \(Int(Self.median(rates))) entries/s wall, "
                    + "\(Int(Self.median(consumeRates))) per second inside consume, \(Int(Self.median(cpuRates))) per "
                    + "CPU-second inside consume (on CPU \(Int(consumed > .zero ? 100 * consumedCPU.seconds / consumed.seconds : 0))% "
                    + "of consume time); longest consume \(Self.format(stall.seconds * 1000)) ms; consume calls that "
                    + "blocked \(blocked) (longest \(Self.format(longestBlocked.seconds * 1000)) ms), preempted \(preempted)"
            )
        }
        let allConsumes = windows.buckets.map(\.longestConsume).max() ?? .zero
        print("longest single consume call: \(Self.format(allConsumes.seconds * 1000)) ms")
        let flushSeconds = flushes.map { ($0.end - $0.start).seconds }.sorted()
        let drains = flushes.map(\.drain.seconds).sorted()
        let rows = flushes.map { Double($0.rows) }.sorted()
        print(
            "flushes: \(flushes.count), median \(Self.format(Self.median(flushSeconds) * 1000)) ms, max "
                + "\(Self.format((flushSeconds.last ?? 0) * 1000)) ms, median \(Int(Self.median(rows))) series-minutes; "
                + "pipeline drain (each shard locked for its part, then merged) median \(Self.format(Self.median(drains) * 1000)) ms, max "
                + "\(Self.format((drains.last ?? 0) * 1000)) ms")
        let checkpointSeconds = checkpoints.map { ($0.end - $0.start).seconds }.sorted()
        print(
            "checkpoints between purges: \(checkpoints.count), median \(Self.format(Self.median(checkpointSeconds) * 1000)) "
                + "ms, max \(Self.format((checkpointSeconds.last ?? 0) * 1000)) ms")
        let purgeSeconds = purges.map { ($0.end - $0.start).seconds }.sorted()
        print(
            "purges: \(purges.count), \(purges.reduce(0) { $0 + $1.rows }) rows deleted, median "
                + "\(Self.format(Self.median(purgeSeconds) * 1000)) ms, max "
                + "\(Self.format((purgeSeconds.last ?? 0) * 1000)) ms")
        let settled = residentByMinute.dropFirst(min(5, residentByMinute.count - 1)).sorted()
        print(
            "rss: baseline \(Self.format(baseline)) MB; per simulated minute (after the first 5) min "
                + "\(Self.format(settled.first ?? 0)), median \(Self.format(Self.median(Array(settled)))), max "
                + "\(Self.format(settled.last ?? 0)) MB; at the end \(Self.format(finalResident)) MB (malloc in use "
                + "\(Self.format(ResidentMemory.mallocInUseMegabytes())) MB); peak "
                + "\(Self.format(ResidentMemory.peakMegabytes())) MB")
        let failures = registry.renderPrometheusText().split(separator: "\n").filter {
            $0.hasPrefix("skymesh_storage_flush_failures_total") || $0.hasPrefix("skymesh_analysis_dropped")
        }
        for line in failures { print(line) }
    }

    private static func median(_ sorted: [Double]) -> Double {
        sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
