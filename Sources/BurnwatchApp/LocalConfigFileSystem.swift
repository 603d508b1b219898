import Foundation

/// `ConfigFileSystem` over the real disk.
public struct LocalConfigFileSystem: ConfigFileSystem {
    /// Why a file could not be read; the reason is safe to show (it never includes the contents).
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Config and theme files are small; a larger file is a mistake (or `/dev/zero`), not a config.
    public static let maximumFileSize = 1 << 20

    public init() {}

    public func readTextFile(atPath path: String) throws -> String? {
        let manager = FileManager.default
        // Dotfile managers link config files into place: judge the file the link points to.
        let path = LocalConfigFileSystem.resolved(path)
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { throw ReadError(reason: "is a directory") }
        let attributes = try? manager.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            throw ReadError(reason: "is not a regular file")
        }
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > LocalConfigFileSystem.maximumFileSize {
            throw ReadError(reason: "is larger than 1 MiB")
        }
        guard manager.isReadableFile(atPath: path) else { throw ReadError(reason: "permission denied") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReadError(reason: "could not be read")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ReadError(reason: "is not UTF-8 text") }
        return text
    }

    public func contentsOfDirectory(atPath path: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    public func permissions(atPath path: String) -> Int? {
        // A symbolic link's own mode is always 0777; what matters is the file it points to.
        let attributes = try? FileManager.default.attributesOfItem(atPath: LocalConfigFileSystem.resolved(path))
        return (attributes?[.posixPermissions] as? NSNumber)?.intValue
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
