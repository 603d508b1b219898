import BurnwatchCollect

/// The AWS chain reads files through BurnwatchCollect's `LocalFileReader`.
public typealias AWSFileReader = LocalFileReader
public typealias AWSDiskFileReader = DiskFileReader
public typealias AWSInMemoryFileReader = InMemoryFileReader
typealias AWSPath = HomePath
