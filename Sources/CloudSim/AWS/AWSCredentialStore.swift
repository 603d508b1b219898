import BurnwatchCollect

/// The access keys the simulator accepts. Shared and mutable because STS AssumeRole mints
/// temporary keys that later requests sign with.
public final class AWSCredentialStore: Sendable {
    private let keys: LockedState<[String: AWSKeyPair]>

    public init(_ keyPairs: [AWSKeyPair] = [.demo]) {
        var keys: [String: AWSKeyPair] = [:]
        for pair in keyPairs { keys[pair.accessKeyID] = pair }
        self.keys = LockedState(keys)
    }

    public func keyPair(accessKeyID: String) -> AWSKeyPair? {
        keys.withLock { $0[accessKeyID] }
    }

    public func add(_ keyPair: AWSKeyPair) {
        keys.withLock { $0[keyPair.accessKeyID] = keyPair }
    }
}
