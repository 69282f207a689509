using System.Runtime.InteropServices;

namespace Verbatim.Core.Compression;

/// <summary>P/Invoke declarations for the system's libbz2 (<c>libbz2.so.1.0</c>), as declared in <c>bzlib.h</c>.</summary>
internal static unsafe partial class Libbz2
{
    public const int Run = 0;
    public const int Finish = 2;

    public const int Ok = 0;
    public const int RunOk = 1;
    public const int FinishOk = 3;
    public const int StreamEnd = 4;
    public const int MemError = -3;
    public const int DataError = -4;
    public const int DataErrorMagic = -5;

    private const string Library = "libbz2.so.1.0";

    /// <summary><c>bz_stream</c>: 80 bytes on 64-bit Linux. libbz2 keeps a pointer to it, so it must not move.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Stream
    {
        public byte* NextIn;
        public uint AvailIn;
        public uint TotalInLo32;
        public uint TotalInHi32;
        public byte* NextOut;
        public uint AvailOut;
        public uint TotalOutLo32;
        public uint TotalOutHi32;
        public IntPtr State;
        public IntPtr BzAlloc;
        public IntPtr BzFree;
        public IntPtr Opaque;
    }

    [LibraryImport(Library, EntryPoint = "BZ2_bzDecompressInit")]
    public static partial int DecompressInit(Stream* strm, int verbosity, int small);

    [LibraryImport(Library, EntryPoint = "BZ2_bzDecompress")]
    public static partial int Decompress(Stream* strm);

    [LibraryImport(Library, EntryPoint = "BZ2_bzDecompressEnd")]
    public static partial int DecompressEnd(Stream* strm);

    [LibraryImport(Library, EntryPoint = "BZ2_bzCompressInit")]
    public static partial int CompressInit(Stream* strm, int blockSize100k, int verbosity, int workFactor);

    [LibraryImport(Library, EntryPoint = "BZ2_bzCompress")]
    public static partial int Compress(Stream* strm, int action);

    [LibraryImport(Library, EntryPoint = "BZ2_bzCompressEnd")]
    public static partial int CompressEnd(Stream* strm);

    public static NativeResource AllocateDecoder() => NativeResource.AllocateStruct(sizeof(Stream), &ReleaseDecoder);

    public static NativeResource AllocateEncoder() => NativeResource.AllocateStruct(sizeof(Stream), &ReleaseEncoder);

    private static void ReleaseDecoder(IntPtr pointer)
    {
        // Safe on a stream that was never initialised: libbz2 then only returns BZ_PARAM_ERROR.
        DecompressEnd((Stream*)pointer);
        NativeResource.Free(pointer);
    }

    private static void ReleaseEncoder(IntPtr pointer)
    {
        CompressEnd((Stream*)pointer);
        NativeResource.Free(pointer);
    }
}
