import Foundation

/// A forward-only source of bytes read in chunks: a plain file or a gzip stream.
///
/// Readers pull chunks of about 1 MiB, so memory stays bounded whatever the file size.
public protocol ByteSource: AnyObject {
    /// Fills `buffer` with up to `buffer.count` bytes; returns how many were written, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Opens `url` for reading, decompressing on the fly when the file starts with the gzip magic bytes
/// (whatever its name says).
public func openByteSource(_ url: URL) throws -> any ByteSource {
    let file = try PlainFileSource(url)
    if try file.startsWithGzipMagic() {
        return try GzipSource(file: file, name: url.path)
    }
    return file
}

/// Unbuffered reads from a file descriptor (the reader on top does the buffering).
public final class PlainFileSource: ByteSource {
    let descriptor: Int32
    let path: String
    /// Bytes peeked at by ``startsWithGzipMagic()`` and not yet handed out.
    private var pending: [UInt8] = []

    public init(_ url: URL) throws {
        path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CohortDataError(.fileNotFound, file: path, expected: "an existing file")
        }
        guard !isDirectory.boolValue else {
            throw CohortDataError(.unreadable, file: path, expected: "a file, not a folder")
        }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CohortDataError(.unreadable, file: path,
                                  expected: "a readable file (\(String(cString: strerror(errno))))")
        }
    }

    deinit { close(descriptor) }

    func startsWithGzipMagic() throws -> Bool {
        var head = [UInt8](repeating: 0, count: 2)
        let n = try head.withUnsafeMutableBytes { try rawRead($0) }
        pending = Array(head[0..<n])
        return n == 2 && head[0] == 0x1F && head[1] == 0x8B
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !pending.isEmpty {
            let n = min(pending.count, buffer.count)
            for i in 0..<n { buffer[i] = pending[i] }
            pending.removeFirst(n)
            return n
        }
        return try rawRead(buffer)
    }

    private func rawRead(_ buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw CohortDataError(.unreadable, file: path, expected: "a readable file (\(String(cString: strerror(errno))))")
        }
    }
}

/// Bytes already in memory (tests, and text received by the service).
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public convenience init(_ text: String) { self.init(Array(text.utf8)) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        if n > 0 {
            bytes.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: n)
            }
        }
        offset += n
        return n
    }
}
