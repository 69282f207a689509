using Verbatim.Core.IO;

namespace Verbatim.Core.Compression;

/// <summary>
/// Decompresses bzip2 data through libbz2 (<c>BZ2_bzDecompress</c>), including several bzip2 streams one after
/// another (as written by pbzip2 or by concatenating files).
/// </summary>
public sealed unsafe class Bzip2DecoderStream : DecoderStream
{
    private readonly NativeResource codec;
    private int streams;

    public Bzip2DecoderStream(Stream source, bool leaveOpen = false)
        : base(source, leaveOpen)
    {
        codec = Libbz2.AllocateDecoder();
        Start();
    }

    /// <summary>How many bzip2 streams have been started so far.</summary>
    public int Streams => streams;

    private Libbz2.Stream* Native => (Libbz2.Stream*)codec.Pointer;

    private void Start()
    {
        var ret = Libbz2.DecompressInit(Native, 0, 0);
        if (ret != Libbz2.Ok)
        {
            throw Error(ret);
        }

        streams++;
    }

    protected override int Decode(Span<byte> output)
    {
        var s = Native;
        fixed (byte* o = output)
        {
            while (true)
            {
                var haveInput = EnsureInput();
                var chunk = (uint)PendingLength;
                s->NextIn = PendingPointer;
                s->AvailIn = chunk;
                s->NextOut = o;
                s->AvailOut = (uint)output.Length;
                var ret = Libbz2.Decompress(s);
                Consume((int)(chunk - s->AvailIn));
                var produced = output.Length - (int)s->AvailOut;
                if (ret == Libbz2.StreamEnd)
                {
                    if (!EnsureInput())
                    {
                        Finished = true;
                        return produced;
                    }

                    // Another stream follows: start over with a fresh decoder state.
                    Libbz2.DecompressEnd(s);
                    *s = default;
                    Start();
                }
                else if (ret != Libbz2.Ok)
                {
                    throw Error(ret);
                }
                else if (produced == 0 && !haveInput)
                {
                    throw new MalformedInputException("truncated bzip2 stream");
                }

                if (produced > 0)
                {
                    return produced;
                }
            }
        }
    }

    private Exception Error(int ret) => ret switch
    {
        Libbz2.DataError => new MalformedInputException("bzip2: compressed data is corrupt"),
        Libbz2.DataErrorMagic when streams > 1 => new MalformedInputException("bzip2: trailing garbage after the compressed data"),
        Libbz2.DataErrorMagic => new MalformedInputException("bzip2: not in the bzip2 format"),
        Libbz2.MemError => new InsufficientMemoryException("bzip2: out of memory"),
        _ => new MalformedInputException($"bzip2: decoder error {ret}"),
    };

    protected override void ReleaseCodec() => codec.Dispose();
}
