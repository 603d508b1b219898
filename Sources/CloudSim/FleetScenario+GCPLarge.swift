import BurnwatchCore

extension FleetScenario {
    /// A generated fleet in one GCP project, for benchmarks of the GCP collector:
    /// `vertexEndpoints` Vertex AI endpoints spread round-robin over `locations` (one in five
    /// scales to zero), and `publisherModels` Model Garden models in use in the first location.
    ///
    /// `FleetScenario.large` spreads its fleet over three clouds and two GCP projects; this one
    /// puts every endpoint where one collector with one service account sees it. No scripted
    /// events or faults. The same arguments always give the same fleet.
    public static func gcpProject(
        vertexEndpoints: Int, publisherModels: Int = 3, project: String = "ml-bench-789",
        locations: [String] = ["us-central1", "europe-west4"], seed: UInt64 = 1
    ) -> FleetScenario {
        var generator = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[generator.nextInt(below: values.count)] }
        func traffic() -> TrafficProfile {
            TrafficProfile(
                peakInvocationsPerMinute: generator.nextLogUniform(2, 1500), nightFloor: 0.05 + 0.25 * generator.nextUnit(),
                weekendFactor: 0.4 + 0.5 * generator.nextUnit()
            )
        }
        let places = locations.isEmpty ? ["us-central1"] : locations
        let models = ["gemini-1.5-flash-002", "gemini-1.5-pro-002", "claude-3-5-sonnet@20240620", "llama-3.1-405b-instruct-maas"]

        var endpoints: [SimulatedEndpoint] = []
        endpoints.reserveCapacity(max(0, vertexEndpoints) + max(0, publisherModels))
        for number in 0..<max(0, vertexEndpoints) {
            let (machine, gpu, count) = pick([
                ("n1-standard-4", GPUModel.t4, 1), ("g2-standard-8", .l4, 1), ("a2-highgpu-1g", .a100_40, 1), ("a3-highgpu-8g", .h100, 8),
            ])
            let load = traffic()
            let scalesToZero = number % 5 == 4
            endpoints.append(.vertexEndpoint(
                "vx-\(number)", project: project, region: places[number % places.count], machineType: machine, gpu: gpu, gpuCount: count,
                replicas: scalesToZero ? 0...2 : 1...6, traffic: load, capacityPerReplica: max(10, load.peakInvocationsPerMinute / 3),
                baseLatencyMs: 40 + 2000 * generator.nextUnit()
            ))
        }
        for number in 0..<max(0, publisherModels) {
            endpoints.append(.vertexPublisherModel(
                "garden-\(number)", project: project, region: places[0], model: models[number % models.count], traffic: traffic(),
                tokens: TokenMix(input: 200 + generator.nextInt(below: 2000), output: generator.nextInt(below: 600)),
                baseLatencyMs: 800 + 8000 * generator.nextUnit()
            ))
        }
        return FleetScenario(name: "gcp-\(vertexEndpoints)-\(publisherModels)", endpoints: endpoints)
    }
}
