using System.Runtime.InteropServices;

namespace Verbatim.Core.Compression;

/// <summary>P/Invoke declarations for the system's libzstd (<c>libzstd.so.1</c>), as declared in <c>zstd.h</c>.</summary>
internal static unsafe partial class Libzstd
{
    public const int CompressionLevel = 100;
    public const int ChecksumFlag = 201;
    public const int WindowLogMax = 100;

    public const int EndContinue = 0;
    public const int EndFrame = 2;

    private const string Library = "libzstd.so.1";

    /// <summary><c>ZSTD_inBuffer</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InBuffer
    {
        public byte* Src;
        public nuint Size;
        public nuint Pos;
    }

    /// <summary><c>ZSTD_outBuffer</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OutBuffer
    {
        public byte* Dst;
        public nuint Size;
        public nuint Pos;
    }

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    public static partial uint IsError(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    public static partial IntPtr GetErrorName(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_createDStream")]
    public static partial IntPtr CreateDStream();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDStream")]
    public static partial nuint FreeDStream(IntPtr stream);

    [LibraryImport(Library, EntryPoint = "ZSTD_initDStream")]
    public static partial nuint InitDStream(IntPtr stream);

    [LibraryImport(Library, EntryPoint = "ZSTD_DCtx_setParameter")]
    public static partial nuint DCtxSetParameter(IntPtr context, int parameter, int value);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressStream")]
    public static partial nuint DecompressStream(IntPtr stream, OutBuffer* output, InBuffer* input);

    [LibraryImport(Library, EntryPoint = "ZSTD_createCCtx")]
    public static partial IntPtr CreateCCtx();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeCCtx")]
    public static partial nuint FreeCCtx(IntPtr context);

    [LibraryImport(Library, EntryPoint = "ZSTD_CCtx_setParameter")]
    public static partial nuint CCtxSetParameter(IntPtr context, int parameter, int value);

    [LibraryImport(Library, EntryPoint = "ZSTD_compressStream2")]
    public static partial nuint CompressStream2(IntPtr context, OutBuffer* output, InBuffer* input, int endOp);

    /// <summary>The library's name for an error code, e.g. "Data corruption detected".</summary>
    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8(GetErrorName(code)) ?? "unknown error";

    public static NativeResource NewDecoder()
    {
        var pointer = CreateDStream();
        if (pointer == IntPtr.Zero)
        {
            throw new OutOfMemoryException("zstd: cannot create a decompression context");
        }

        return new NativeResource(pointer, &ReleaseDecoder);
    }

    public static NativeResource NewEncoder()
    {
        var pointer = CreateCCtx();
        if (pointer == IntPtr.Zero)
        {
            throw new OutOfMemoryException("zstd: cannot create a compression context");
        }

        return new NativeResource(pointer, &ReleaseEncoder);
    }

    private static void ReleaseDecoder(IntPtr pointer) => FreeDStream(pointer);

    private static void ReleaseEncoder(IntPtr pointer) => FreeCCtx(pointer);
}
