using Verbatim.Core.IO;

namespace Verbatim.Normalize.IO;

/// <summary>
/// A write-only stream that compares everything written with an original stream, and passes it on to an inner
/// stream when there is one. After writing, <see cref="Differs"/> says whether the written bytes differ from the
/// original. A deferred stream (<see cref="Deferred"/>) writes nothing to the inner stream until the first
/// difference, then copies the original's identical prefix there first: output that turns out equal to its
/// original is never written at all.
/// </summary>
public sealed class ComparingStream : Stream
{
    private readonly byte[] buffer = new byte[1 << 16];
    private readonly Stream original;
    private readonly Stream? inner;
    private readonly IContent? deferredOriginal;
    private long written;
    private bool differs;
    private bool materialized;

    public ComparingStream(Stream original, Stream? inner)
    {
        this.original = original;
        this.inner = inner;
        materialized = true;
    }

    private ComparingStream(Stream original, IContent originalContent, Stream inner)
    {
        this.original = original;
        this.inner = inner;
        deferredOriginal = originalContent;
    }

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

    /// <summary>A comparing stream that writes to <paramref name="inner"/> only once the output differs from <paramref name="originalContent"/>.</summary>
    public static ComparingStream Deferred(Stream original, IContent originalContent, Stream inner) => new(original, originalContent, inner);

    /// <summary>After all writing: when the output differs but nothing reached the inner stream yet (it is a prefix of the original), writes it there.</summary>
    public void Complete()
    {
        if (Differs && !materialized)
        {
            Materialize(written);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        var before = written;
        if (materialized)
        {
            inner?.Write(data);
        }

        written += data.Length;
        var rest = data;
        while (!differs && rest.Length > 0)
        {
            var chunk = Math.Min(rest.Length, buffer.Length);
            var n = original.ReadAtLeast(buffer.AsSpan(0, chunk), chunk, throwOnEndOfStream: false);
            if (n < chunk || !rest[..chunk].SequenceEqual(buffer.AsSpan(0, chunk)))
            {
                differs = true;
            }

            rest = rest[chunk..];
        }

        if (differs && !materialized)
        {
            Materialize(before);
            inner!.Write(data);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner?.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Copies the first <paramref name="count"/> bytes of the original, which equal what was written, to the inner stream.</summary>
    private void Materialize(long count)
    {
        materialized = true;
        using var source = deferredOriginal!.Open();
        var copy = new byte[1 << 16];
        for (var remaining = count; remaining > 0;)
        {
            var n = source.Read(copy, 0, (int)Math.Min(copy.Length, remaining));
            if (n == 0)
            {
                throw new EndOfStreamException("the original ended before the bytes compared with it");
            }

            inner!.Write(copy, 0, n);
            remaining -= n;
        }
    }
}
