using System.Runtime.InteropServices;

namespace Verbatim.Core.Compression;

/// <summary>
/// P/Invoke declarations for the system's zlib (<c>libz.so.1</c>), as declared in <c>zlib.h</c>. Used for gzip rather
/// than .NET's GZipStream because it reports truncation and CRC errors and where each gzip member ends, and for
/// deflate where the bytes must be exactly the system zlib's (<see cref="SystemDeflate"/>).
/// </summary>
internal static unsafe partial class Zlib
{
    public const int NoFlush = 0;
    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int NeedDict = 2;
    public const int DataError = -3;
    public const int MemError = -4;
    public const int BufError = -5;

    /// <summary>15-bit window, gzip wrapper only (header, CRC-32 and length are checked by zlib).</summary>
    public const int GzipWindowBits = 15 + 16;

    private const string Library = "libz.so.1";

    /// <summary><c>z_stream</c>: 112 bytes on 64-bit Linux. zlib keeps a pointer to it, so it must not move.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Stream
    {
        public byte* NextIn;
        public uint AvailIn;
        public nuint TotalIn;
        public byte* NextOut;
        public uint AvailOut;
        public nuint TotalOut;
        public IntPtr Msg;
        public IntPtr State;
        public IntPtr ZAlloc;
        public IntPtr ZFree;
        public IntPtr Opaque;
        public int DataType;
        public nuint Adler;
        public nuint Reserved;
    }

    [LibraryImport(Library, EntryPoint = "inflateInit2_", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InflateInit2(Stream* strm, int windowBits, string version, int streamSize);

    [LibraryImport(Library, EntryPoint = "inflate")]
    public static partial int Inflate(Stream* strm, int flush);

    [LibraryImport(Library, EntryPoint = "inflateReset")]
    public static partial int InflateReset(Stream* strm);

    [LibraryImport(Library, EntryPoint = "inflateEnd")]
    public static partial int InflateEnd(Stream* strm);

    [LibraryImport(Library, EntryPoint = "deflateInit2_", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DeflateInit2(Stream* strm, int level, int method, int windowBits, int memLevel, int strategy, string version, int streamSize);

    [LibraryImport(Library, EntryPoint = "deflate")]
    public static partial int Deflate(Stream* strm, int flush);

    [LibraryImport(Library, EntryPoint = "deflateEnd")]
    public static partial int DeflateEnd(Stream* strm);

    [LibraryImport(Library, EntryPoint = "deflateBound")]
    public static partial nuint DeflateBound(Stream* strm, nuint sourceLen);

    [LibraryImport(Library, EntryPoint = "zlibVersion")]
    public static partial IntPtr ZlibVersion();

    /// <summary>zlib's message for the last error, e.g. "invalid distance too far back".</summary>
    public static string Message(Stream* strm, string fallback) => strm->Msg == IntPtr.Zero ? fallback : Marshal.PtrToStringUTF8(strm->Msg) ?? fallback;

    public static NativeResource AllocateInflater() => NativeResource.AllocateStruct(sizeof(Stream), &Release);

    private static void Release(IntPtr pointer)
    {
        // Safe on a stream that was never initialised: zlib then only returns Z_STREAM_ERROR.
        InflateEnd((Stream*)pointer);
        NativeResource.Free(pointer);
    }
}
