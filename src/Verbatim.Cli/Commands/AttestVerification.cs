using System.Text.Json;
using Verbatim.Provenance;

namespace Verbatim.Cli.Commands;

/// <summary>One run of <c>attest verify</c>: reads the inputs, checks them, and reports.</summary>
internal sealed record AttestVerification(string KeyPath, string ArtifactPath, string EnvelopePath, string? Json, TextWriter Stdout, TextWriter Stderr)
{
    /// <summary>The largest envelope read; provenance envelopes are a few kilobytes.</summary>
    private const long MaxEnvelopeBytes = 64L * 1024 * 1024;

    private const string Name = "verbatim attest verify";

    public int Run()
    {
        VerificationKey key;
        byte[] envelope;
        string digest;
        try
        {
            key = VerificationKey.LoadPublicPem(KeyPath);
            envelope = ReadEnvelope(EnvelopePath);
            digest = Sha256Hex.OfFile(ArtifactPath);
        }
        catch (KeyException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }

        var signature = Dsse.Verify(envelope, key, Dsse.InTotoPayloadType);
        var statement = signature.Valid
            ? StatementVerifier.VerifyDigest(signature.Payload!, digest)
            : new StatementVerification(false, signature.Reason, null, null, null);
        return Report(statement, key.KeyId, digest);
    }

    private int Report(StatementVerification result, string keyId, string digest)
    {
        try
        {
            WriteJson(result, keyId, digest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot write {Json}: {e.Message}");
        }

        if (!result.Valid)
        {
            Stderr.WriteLine($"{Name}: not verified: {result.Reason}");
            return ExitCodes.Different;
        }

        if (Json != "-")
        {
            Stdout.WriteLine($"verified: {ArtifactPath} (sha256:{digest}) is subject '{result.MatchedSubject!.Name}' of {EnvelopePath}");
            Stdout.WriteLine($"  signed by key {keyId}");
            Stdout.WriteLine($"  built by {result.BuilderId} as {result.BuildType}");
        }

        return ExitCodes.Ok;
    }

    private void WriteJson(StatementVerification result, string keyId, string digest)
    {
        if (Json is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("verified", result.Valid);
            writer.WriteString("reason", result.Reason);
            writer.WriteString("envelope", EnvelopePath);
            writer.WriteString("artifact", ArtifactPath);
            writer.WriteString("sha256", digest);
            writer.WriteString("keyId", keyId);
            writer.WriteString("subject", result.MatchedSubject?.Name);
            writer.WriteString("buildType", result.BuildType);
            writer.WriteString("builderId", result.BuilderId);
            writer.WriteEndObject();
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        if (Json == "-")
        {
            Stdout.Write(text);
        }
        else
        {
            File.WriteAllText(Json, text);
        }
    }

    private int Fail(string message)
    {
        Stderr.WriteLine($"{Name}: {message}");
        return ExitCodes.UsageOrInput;
    }

    private static byte[] ReadEnvelope(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: no such envelope file");
        }

        if (info.Length > MaxEnvelopeBytes)
        {
            throw new IOException($"{path}: {info.Length} bytes is too large for a provenance envelope");
        }

        return File.ReadAllBytes(path);
    }
}
