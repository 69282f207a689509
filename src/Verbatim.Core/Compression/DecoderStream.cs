namespace Verbatim.Core.Compression;

/// <summary>
/// The common part of the native decoders: a read-only, forward-only stream that reads the compressed source in large
/// chunks into a pinned buffer and lets the codec decode straight into the caller's buffer.
/// </summary>
public abstract unsafe class DecoderStream : Stream
{
    /// <summary>How many compressed bytes are read from the source at a time.</summary>
    protected const int InputChunk = 1 << 18;

    private readonly Stream source;
    private readonly bool leaveOpen;
    private readonly byte[] input = GC.AllocateUninitializedArray<byte>(InputChunk, pinned: true);
    private int start;
    private int end;
    private bool sourceEnded;
    private bool disposed;

    protected DecoderStream(Stream source, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(source);
        this.source = source;
        this.leaveOpen = leaveOpen;
    }

    /// <summary>How many compressed bytes the decoder has consumed so far.</summary>
    public long CompressedBytesConsumed => CompressedBytesRead - (end - start);

    /// <summary>How many decompressed bytes have been returned so far.</summary>
    public long DecompressedBytes { get; private set; }

    private long CompressedBytesRead { get; set; }

    /// <summary>Set by the codec once the compressed data has ended properly.</summary>
    protected bool Finished { get; set; }

    /// <summary>The pointer to the first compressed byte not yet consumed (the buffer is pinned).</summary>
    protected byte* PendingPointer
    {
        get
        {
            fixed (byte* p = input)
            {
                return p + start;
            }
        }
    }

    /// <summary>How many compressed bytes are buffered and not yet consumed.</summary>
    protected int PendingLength => end - start;

    protected ReadOnlySpan<byte> Pending => input.AsSpan(start, end - start);

    /// <summary>Marks <paramref name="count"/> buffered bytes as consumed by the codec.</summary>
    protected void Consume(int count) => start += count;

    /// <summary>Makes sure some compressed input is buffered; false at the end of the source.</summary>
    protected bool EnsureInput()
    {
        if (start < end)
        {
            return true;
        }

        if (sourceEnded)
        {
            return false;
        }

        start = 0;
        end = source.Read(input, 0, input.Length);
        CompressedBytesRead += end;
        if (end == 0)
        {
            sourceEnded = true;
            return false;
        }

        return true;
    }

    /// <summary>Decodes into <paramref name="output"/> (never empty); returns how many bytes were written, 0 only at the end.</summary>
    protected abstract int Decode(Span<byte> output);

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.Length == 0 || Finished)
        {
            return 0;
        }

        var n = Decode(buffer);
        DecompressedBytes += n;
        return n;
    }

    public override bool CanRead => !disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => DecompressedBytes;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!disposed)
        {
            disposed = true;
            if (disposing)
            {
                ReleaseCodec();
                if (!leaveOpen)
                {
                    source.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Frees the native codec.</summary>
    protected abstract void ReleaseCodec();
}
