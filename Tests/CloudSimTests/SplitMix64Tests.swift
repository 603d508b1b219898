import Testing
@testable import CloudSim

@Suite struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // Outputs of the reference splitmix64.c (Vigna) for seed 0, checked independently.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func sameSeedSameSequenceDifferentSeedDifferentSequence() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        var c = SplitMix64(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }

    @Test func boundedDrawsStayInRange() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<1000 {
            let unit = generator.nextUnit()
            #expect(unit >= 0 && unit < 1)
            let integer = generator.nextInt(below: 7)
            #expect((0..<7).contains(integer))
            let logUniform = generator.nextLogUniform(2, 1500)
            #expect(logUniform >= 2 && logUniform <= 1500)
        }
    }

    @Test func portableExpAndLogAgreeWithKnownValues() {
        #expect(abs(PortableMath.exp(1) - 2.718_281_828_459_045) < 1e-15)
        #expect(abs(PortableMath.exp(10) - 22_026.465_794_806_718) < 1e-9)
        #expect(abs(PortableMath.exp(-0.5) - 0.606_530_659_712_633_4) < 1e-15)
        #expect(PortableMath.exp(0) == 1)
        #expect(abs(PortableMath.log(2) - 0.693_147_180_559_945_3) < 1e-14)
        #expect(abs(PortableMath.power(10, 3) - 1000) < 1e-9)
    }

    @Test func noiseIsAPureFunctionOfItsInputs() {
        let noise = NoiseSource(seed: 99)
        let first = noise.unit(entity: 5, tick: 1000, stream: .organic)
        _ = noise.unit(entity: 5, tick: 999, stream: .organic)
        #expect(noise.unit(entity: 5, tick: 1000, stream: .organic) == first)
        #expect(noise.unit(entity: 5, tick: 1000, stream: .latency) != first)
        #expect(NoiseSource(seed: 100).unit(entity: 5, tick: 1000, stream: .organic) != first)
    }

    @Test func poissonCountsHaveTheRightMean() {
        let noise = NoiseSource(seed: 3)
        for mean in [0.5, 4.0, 120.0] {
            let total = (0..<4000).reduce(0) { $0 + noise.poisson(mean: mean, entity: 1, tick: Int64($1), stream: .organic) }
            let observed = Double(total) / 4000
            #expect(abs(observed - mean) < 0.05 * mean + 0.05, "mean \(mean) observed \(observed)")
        }
        #expect(noise.poisson(mean: 0, entity: 1, tick: 1, stream: .organic) == 0)
    }

    @Test func diurnalCurveIsLowAtNightAndPeaksInTheAfternoon() {
        #expect(DiurnalCurve.level(atLocalHour: 14) == 1)
        #expect(DiurnalCurve.level(atLocalHour: 4) == 0)
        #expect(abs(DiurnalCurve.level(atLocalHour: 4.5) - 0.015) < 1e-12)
        #expect(DiurnalCurve.level(atLocalHour: 28) == DiurnalCurve.level(atLocalHour: 4))
        #expect(abs(DiurnalCurve.level(atLocalHour: 23.5) - (0.25 + 0.18) / 2) < 1e-12)
    }
}
