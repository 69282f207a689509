using Verbatim.Core.IO;

namespace Verbatim.Core.Compression;

/// <summary>
/// Decompresses gzip data through zlib (<c>inflate</c> with the gzip wrapper, so each member's CRC-32 and length are
/// checked), member after member, and records where each member starts in the compressed data.
/// </summary>
public sealed unsafe class GzipDecoderStream : DecoderStream
{
    /// <summary>How many member offsets are kept; the count goes on beyond.</summary>
    public const int MaxRecordedMembers = 1000;

    private readonly NativeResource codec;
    private readonly List<long> memberOffsets = [0];
    private long memberOutput;
    private long memberStart;

    public GzipDecoderStream(Stream source, bool leaveOpen = false)
        : base(source, leaveOpen)
    {
        codec = Zlib.AllocateInflater();
        var ret = Zlib.InflateInit2(Native, Zlib.GzipWindowBits, "1.2.13", sizeof(Zlib.Stream));
        if (ret != Zlib.Ok)
        {
            codec.Dispose();
            throw new InsufficientMemoryException($"gzip: cannot initialise zlib ({ret})");
        }
    }

    /// <summary>How many gzip members have been started so far (all of them once the stream is read to its end).</summary>
    public int Members { get; private set; } = 1;

    /// <summary>The offsets in the compressed data where the first <see cref="MaxRecordedMembers"/> members start.</summary>
    public IReadOnlyList<long> MemberOffsets => memberOffsets;

    private Zlib.Stream* Native => (Zlib.Stream*)codec.Pointer;

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
                var ret = Zlib.Inflate(s, Zlib.NoFlush);
                Consume((int)(chunk - s->AvailIn));
                var produced = output.Length - (int)s->AvailOut;
                memberOutput += produced;
                if (ret == Zlib.StreamEnd)
                {
                    if (!EnsureInput())
                    {
                        Finished = true;
                        return produced;
                    }

                    NextMember();
                }
                else if (ret is Zlib.Ok or Zlib.BufError)
                {
                    if (produced == 0 && (!haveInput || ret == Zlib.BufError))
                    {
                        throw new MalformedInputException(haveInput ? "gzip: the decoder made no progress" : "truncated gzip stream");
                    }
                }
                else
                {
                    throw Error(s, ret);
                }

                if (produced > 0)
                {
                    return produced;
                }
            }
        }
    }

    private void NextMember()
    {
        Zlib.InflateReset(Native);
        Members++;
        memberOutput = 0;
        memberStart = CompressedBytesConsumed;
        if (memberOffsets.Count < MaxRecordedMembers)
        {
            memberOffsets.Add(CompressedBytesConsumed);
        }
    }

    private Exception Error(Zlib.Stream* s, int ret)
    {
        if (ret == Zlib.DataError && Members > 1 && memberOutput == 0 && CompressedBytesConsumed - memberStart < 10)
        {
            return new MalformedInputException("gzip: trailing garbage after the compressed data");
        }

        return ret switch
        {
            Zlib.DataError => new MalformedInputException("gzip: compressed data is corrupt (" + Zlib.Message(s, "invalid data") + ")"),
            Zlib.NeedDict => new MalformedInputException("gzip: a preset dictionary is needed"),
            Zlib.MemError => new InsufficientMemoryException("gzip: out of memory"),
            _ => new MalformedInputException($"gzip: zlib error {ret}"),
        };
    }

    protected override void ReleaseCodec() => codec.Dispose();
}
