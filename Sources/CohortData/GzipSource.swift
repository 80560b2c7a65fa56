import CZlib
import Foundation

/// Streaming gzip decompression through zlib (RFC 1952), including files of several concatenated
/// gzip members (as `bgzip` and `cat a.gz b.gz` produce).
///
/// A stream that ends before its last member's trailer — a truncated download — is an error
/// (``CohortDataError/Kind/truncatedCompressedFile``), never a silently short table.
public final class GzipSource: ByteSource {
    private let file: any ByteSource
    private let name: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    /// An error found after some bytes were decoded: those bytes are returned first, the error on
    /// the next call, so that a reader can report the line where the data stop.
    private var pendingError: CohortDataError?
    private var initialised = false

    public init(file: any ByteSource, name: String, inputChunk: Int = 1 << 18) throws {
        self.file = file
        self.name = name
        input = .allocate(byteCount: inputChunk, alignment: 16)
        // 15 + 32: zlib or gzip header, detected automatically.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw CohortDataError(.unreadable, file: name, expected: "zlib to start (inflateInit2 returned \(status))")
        }
        initialised = true
    }

    deinit {
        if initialised { inflateEnd(&stream) }
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let pendingError {
            self.pendingError = nil
            finished = true
            throw pendingError
        }
        guard !finished, buffer.count > 0 else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputEnded {
                let n = try file.read(into: input)
                if n == 0 {
                    inputEnded = true
                } else {
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(n)
                }
            }
            if stream.avail_in == 0 && inputEnded {
                // No more input, but the current member has not ended: truncated.
                let error = CohortDataError(.truncatedCompressedFile, file: name,
                                            expected: "a complete gzip file (the stream ends before its end marker; the file may be truncated)")
                let produced = buffer.count - Int(stream.avail_out)
                if produced > 0 {
                    pendingError = error
                    return produced
                }
                throw error
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another member may follow; anything else after the trailer is not gzip.
                if stream.avail_in == 0 && !inputEnded {
                    let n = try file.read(into: input)
                    if n == 0 { inputEnded = true } else {
                        stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                        stream.avail_in = uInt(n)
                    }
                }
                if stream.avail_in == 0 && inputEnded {
                    finished = true
                    return buffer.count - Int(stream.avail_out)
                }
                inflateReset(&stream)
            default:
                let error = CohortDataError(.truncatedCompressedFile, file: name,
                                            expected: "valid gzip data (zlib error \(status): the file is corrupt or truncated)")
                let produced = buffer.count - Int(stream.avail_out)
                if produced > 0 {
                    pendingError = error
                    return produced
                }
                throw error
            }
        }
        return buffer.count
    }
}
