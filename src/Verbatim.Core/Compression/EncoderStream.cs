namespace Verbatim.Core.Compression;

/// <summary>
/// The common part of the native encoders: a write-only stream that hands the written bytes to the codec and writes
/// its output to the destination in large chunks. Disposing finishes the compressed stream.
/// </summary>
public abstract unsafe class EncoderStream : Stream
{
    private const int OutputChunk = 1 << 18;

    private readonly Stream destination;
    private readonly bool leaveOpen;
    private readonly byte[] output = GC.AllocateUninitializedArray<byte>(OutputChunk, pinned: true);
    private bool finished;
    private bool disposed;

    protected EncoderStream(Stream destination, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(destination);
        this.destination = destination;
        this.leaveOpen = leaveOpen;
    }

    /// <summary>The pinned output buffer the codec writes into.</summary>
    protected byte* OutputPointer
    {
        get
        {
            fixed (byte* p = output)
            {
                return p;
            }
        }
    }

    protected static int OutputLength => OutputChunk;

    /// <summary>Writes the first <paramref name="count"/> bytes of the output buffer to the destination.</summary>
    protected void Emit(int count)
    {
        if (count > 0)
        {
            destination.Write(output, 0, count);
        }
    }

    /// <summary>Compresses all of <paramref name="input"/>; with <paramref name="finish"/>, also ends the compressed stream.</summary>
    protected abstract void Encode(ReadOnlySpan<byte> input, bool finish);

    public sealed override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public sealed override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed || finished, this);
        if (buffer.Length > 0)
        {
            Encode(buffer, finish: false);
        }
    }

    /// <summary>Ends the compressed stream (done by Dispose when not called before).</summary>
    public void Finish()
    {
        if (!finished)
        {
            Encode([], finish: true);
            finished = true;
            destination.Flush();
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !disposed && !finished;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => destination.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!disposed)
        {
            if (disposing)
            {
                try
                {
                    Finish();
                }
                finally
                {
                    disposed = true;
                    ReleaseCodec();
                    if (!leaveOpen)
                    {
                        destination.Dispose();
                    }
                }
            }

            disposed = true;
        }

        base.Dispose(disposing);
    }

    /// <summary>Frees the native codec.</summary>
    protected abstract void ReleaseCodec();
}
