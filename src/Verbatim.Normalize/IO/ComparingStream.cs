namespace Verbatim.Normalize.IO;

/// <summary>
/// A write-only stream that compares everything written with an original stream, and passes it on to an inner
/// stream when there is one. After writing, <see cref="Differs"/> says whether the written bytes differ from the original.
/// </summary>
public sealed class ComparingStream(Stream original, Stream? inner) : Stream
{
    private readonly byte[] buffer = new byte[1 << 16];
    private long written;
    private bool differs;

    /// <summary>True when the bytes written so far differ from the original or (after all writing) their lengths differ.</summary>
    public bool Differs => differs || written != original.Length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => written;

    public override long Position
    {
        get => written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        inner?.Write(data);
        written += data.Length;
        while (!differs && data.Length > 0)
        {
            var chunk = Math.Min(data.Length, buffer.Length);
            var n = original.ReadAtLeast(buffer.AsSpan(0, chunk), chunk, throwOnEndOfStream: false);
            if (n < chunk || !data[..chunk].SequenceEqual(buffer.AsSpan(0, chunk)))
            {
                differs = true;
            }

            data = data[chunk..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner?.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
