#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BurnwatchCore
import Foundation
import Testing
@testable import BurnwatchCollect

@Suite(.timeLimit(.minutes(1))) struct DiskCacheTests {
    struct Payload: Codable, Sendable, Hashable {
        var spend: Decimal
        var note: String
    }

    @Test func storesAtomicallyAndReadsBack() throws {
        let directory = try makeTemporaryDirectory().appendingPathComponent("nested/burnwatch")
        let cache = DiskCache(directory: directory)
        let value = Payload(spend: Decimal(string: "1234.56")!, note: "month to date")
        try cache.store(value, key: "aws/prod/cost", fetchedAt: t0)

        let entry = try #require(cache.read(key: "aws/prod/cost", as: Payload.self))
        #expect(entry.value == value)
        #expect(entry.fetchedAt == t0)
        // Only the final file is left: no temporary file survives the rename.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names == [cache.fileURL(forKey: "aws/prod/cost").lastPathComponent])
        let attributes = try FileManager.default.attributesOfItem(atPath: cache.fileURL(forKey: "aws/prod/cost").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let directoryAttributes = try FileManager.default.attributesOfItem(atPath: directory.path)
        #expect((directoryAttributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func replacingAnEntryLeavesOneCompleteFile() throws {
        let cache = DiskCache(directory: try makeTemporaryDirectory())
        try cache.store(Payload(spend: 1, note: String(repeating: "x", count: 10_000)), key: "k", fetchedAt: t0)
        try cache.store(Payload(spend: 2, note: "short"), key: "k", fetchedAt: t0 + 1)
        #expect(cache.read(key: "k", as: Payload.self)?.value == Payload(spend: 2, note: "short"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path).count == 1)
    }

    @Test func aCorruptFileCountsAsMissing() async throws {
        let cache = DiskCache(directory: try makeTemporaryDirectory())
        try Data("{\"format\":1,\"key\":\"k\",\"fetch".utf8).write(to: cache.fileURL(forKey: "k"))
        #expect(cache.read(key: "k", as: Payload.self) == nil)
        let (value, fromCache) = try await cache.fetch(key: "k", maxAge: 3600, now: t0) { Payload(spend: 3, note: "new") }
        #expect(value == Payload(spend: 3, note: "new"))
        #expect(!fromCache)
        #expect(cache.read(key: "k", as: Payload.self)?.value == value)
    }

    @Test func freshEntriesAreReusedAndStaleOnesReplaced() async throws {
        let cache = DiskCache(directory: try makeTemporaryDirectory())
        try cache.store(Payload(spend: 1, note: "old"), key: "k", fetchedAt: t0)
        let produced = LockedState(0)
        let produce: @Sendable () async throws -> Payload = {
            produced.withLock { $0 += 1 }
            return Payload(spend: 2, note: "new")
        }

        let fresh = try await cache.fetch(key: "k", maxAge: 3600, now: t0 + 3599, produce: produce)
        #expect(fresh.fromCache)
        #expect(fresh.value.note == "old")
        #expect(produced.withLock { $0 } == 0)

        let stale = try await cache.fetch(key: "k", maxAge: 3600, now: t0 + 3600, produce: produce)
        #expect(!stale.fromCache)
        #expect(stale.value.note == "new")
        #expect(produced.withLock { $0 } == 1)
        #expect(cache.read(key: "k", as: Payload.self)?.fetchedAt == t0 + 3600)
    }

    @Test func anEntryFromFarInTheFutureIsNotTrusted() async throws {
        let cache = DiskCache(directory: try makeTemporaryDirectory())
        try cache.store(Payload(spend: 1, note: "future"), key: "k", fetchedAt: t0 + 86_400)
        let result = try await cache.fetch(key: "k", maxAge: 3600, now: t0) { Payload(spend: 2, note: "now") }
        #expect(!result.fromCache)
    }

    @Test func aFailedProduceStoresNothing() async throws {
        let cache = DiskCache(directory: try makeTemporaryDirectory())
        await #expect(throws: CollectorError.throttled(retryAfter: 5)) {
            _ = try await cache.fetch(key: "k", maxAge: 3600, now: t0) { () async throws -> Payload in
                throw CollectorError.throttled(retryAfter: 5)
            }
        }
        #expect(cache.read(key: "k", as: Payload.self) == nil)
    }

    /// Two caches on one directory stand for two processes: flock locks belong to the open file
    /// description, so the second `open` of the lock file is excluded just like another process.
    @Test func aSecondFetcherWaitsForTheFirstAndReusesItsResult() async throws {
        let directory = try makeTemporaryDirectory()
        let first = DiskCache(directory: directory)
        var second = DiskCache(directory: directory)
        let secondIsWaiting = Gate()
        second.lockContentionObserver = { secondIsWaiting.open() }

        let releaseFirst = Gate()
        let firstIsProducing = Gate()
        let produced = LockedState(0)

        let firstFetch = Task {
            try await first.fetch(key: "gcp/billing/cost", maxAge: 3600, now: t0) { () async throws -> Payload in
                produced.withLock { $0 += 1 }
                firstIsProducing.open()
                await releaseFirst.wait()
                return Payload(spend: 42, note: "paid once")
            }
        }
        await firstIsProducing.wait()

        // While the first one produces, its lock is held: an independent open cannot take it.
        let lockPath = directory.appendingPathComponent(DiskCache.fileName(forKey: "gcp/billing/cost") + ".lock").path
        let probe = open(lockPath, O_RDWR)
        #expect(probe >= 0)
        #expect(flock(probe, LOCK_EX | LOCK_NB) != 0)
        close(probe)

        let secondFetch = Task {
            try await second.fetch(key: "gcp/billing/cost", maxAge: 3600, now: t0 + 1) { () async throws -> Payload in
                produced.withLock { $0 += 1 }
                return Payload(spend: 99, note: "paid twice")
            }
        }
        await secondIsWaiting.wait()
        releaseFirst.open()

        let firstResult = try await firstFetch.value
        let secondResult = try await secondFetch.value
        #expect(firstResult.value.note == "paid once")
        #expect(!firstResult.fromCache)
        #expect(secondResult.value.note == "paid once")
        #expect(secondResult.fromCache)
        #expect(produced.withLock { $0 } == 1)
    }

    @Test func fileNamesAreSafeAndDistinct() {
        let names = ["aws/prod/cost", "aws_prod_cost", "../../etc/passwd", "gcp:proj 1/cost"].map(DiskCache.fileName(forKey:))
        #expect(Set(names).count == 4)
        for name in names {
            #expect(!name.hasPrefix("."))
            #expect(name.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) })
        }
        #expect(DiskCache.fileName(forKey: "aws/prod/cost") == DiskCache.fileName(forKey: "aws/prod/cost"))
        #expect(DiskCache.fileName(forKey: "aws/prod/cost").hasPrefix("aws_prod_cost-"))
    }

    @Test func defaultDirectoryFollowsXDG() throws {
        #expect(try DiskCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/var/cache/me", "HOME": "/home/me"]).path == "/var/cache/me/burnwatch")
        // A relative XDG_CACHE_HOME is invalid per the spec and ignored.
        #expect(try DiskCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/home/me"]).path == "/home/me/.cache/burnwatch")
        #expect(throws: DiskCacheError.self) { try DiskCache.defaultDirectory(environment: [:]) }
    }
}
