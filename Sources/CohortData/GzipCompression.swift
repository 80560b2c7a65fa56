import CZlib
import Foundation

/// Gzip compression of a whole buffer (RFC 1952) through zlib, with a fixed header (modification
/// time 0, no file name) so that the same input always gives the same bytes.
public enum GzipCompression {
    /// Compresses `bytes`; `level` 1 (fast) … 9 (small), default 6 as in gzip(1).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> Data {
        var stream = z_stream()
        // windowBits 15 + 16 = gzip wrapper; memLevel 8 as zlib's default.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "zlib deflateInit2 failed"])
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        let status: Int32 = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "zlib deflate failed (\(status))"])
        }
        return Data(output[0..<Int(stream.total_out)])
    }
}
