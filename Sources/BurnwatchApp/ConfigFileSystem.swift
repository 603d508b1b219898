/// The read-only view of the file system that config and theme loading need, so tests can
/// supply files, directories and permissions without touching the disk.
public protocol ConfigFileSystem: Sendable {
    /// The text of the file at `path`; nil when nothing exists there.
    /// Throws when something exists but cannot be read as a UTF-8 text file.
    func readTextFile(atPath path: String) throws -> String?

    /// The names of the entries of the directory at `path`; nil when it is not a readable directory.
    func contentsOfDirectory(atPath path: String) -> [String]?

    /// The POSIX permission bits of the file at `path` (such as `0o644`); nil when unknown.
    func permissions(atPath path: String) -> Int?
}
