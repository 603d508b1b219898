import BurnwatchCollect

/// The GCP chain reads files through BurnwatchCollect's `LocalFileReader`.
public typealias GCPFileReader = LocalFileReader
public typealias GCPDiskFileReader = DiskFileReader
public typealias GCPInMemoryFileReader = InMemoryFileReader
typealias GCPPath = HomePath
