using System.Runtime.InteropServices;

namespace Verbatim.Core.Compression;

/// <summary>P/Invoke declarations for the system's liblzma (<c>liblzma.so.5</c>), as declared in <c>lzma/base.h</c> and <c>lzma/container.h</c>.</summary>
internal static unsafe partial class Liblzma
{
    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int MemError = 5;
    public const int MemLimitError = 6;
    public const int FormatError = 7;
    public const int OptionsError = 8;
    public const int DataError = 9;
    public const int BufError = 10;

    public const int Run = 0;
    public const int Finish = 3;

    public const uint Concatenated = 0x08;

    private const string Library = "liblzma.so.5";

    /// <summary><c>lzma_stream</c>: 136 bytes on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Stream
    {
        public byte* NextIn;
        public nuint AvailIn;
        public ulong TotalIn;
        public byte* NextOut;
        public nuint AvailOut;
        public ulong TotalOut;
        public IntPtr Allocator;
        public IntPtr Internal;
        public IntPtr ReservedPtr1;
        public IntPtr ReservedPtr2;
        public IntPtr ReservedPtr3;
        public IntPtr ReservedPtr4;
        public ulong SeekPos;
        public ulong ReservedInt2;
        public nuint ReservedInt3;
        public nuint ReservedInt4;
        public int ReservedEnum1;
        public int ReservedEnum2;
    }

    [LibraryImport(Library, EntryPoint = "lzma_stream_decoder")]
    public static partial int StreamDecoder(Stream* strm, ulong memlimit, uint flags);

    [LibraryImport(Library, EntryPoint = "lzma_easy_encoder")]
    public static partial int EasyEncoder(Stream* strm, uint preset, int check);

    [LibraryImport(Library, EntryPoint = "lzma_code")]
    public static partial int Code(Stream* strm, int action);

    [LibraryImport(Library, EntryPoint = "lzma_end")]
    public static partial void End(Stream* strm);

    /// <summary>Allocates a zeroed <c>lzma_stream</c> (LZMA_STREAM_INIT) that is ended and freed on release.</summary>
    public static NativeResource Allocate() => NativeResource.AllocateStruct(sizeof(Stream), &Release);

    private static void Release(IntPtr pointer)
    {
        End((Stream*)pointer);
        NativeResource.Free(pointer);
    }
}
