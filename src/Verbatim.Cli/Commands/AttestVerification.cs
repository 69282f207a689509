using System.Text.Json.Nodes;
using Verbatim.Common.Digests;
using Verbatim.Common.IO;
using Verbatim.Common.Json;
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
            digest = Sha256Digest.OfFile(ArtifactPath).Hex;
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
        if (signature.Valid && RebuildStatementVerifier.Handles(RebuildStatementVerifier.PredicateType(signature.Payload!)))
        {
            return ReportRebuild(RebuildStatementVerifier.VerifyDigest(signature.Payload!, digest), key.KeyId, digest);
        }

        var statement = signature.Valid
            ? StatementVerifier.VerifyDigest(signature.Payload!, digest)
            : new StatementVerification(false, signature.Reason, null, null, null);
        return Report(statement, key.KeyId, digest);
    }

    private int Report(StatementVerification result, string keyId, string digest) => Report(
        result.Valid, result.Reason, result.MatchedSubject?.Name, keyId, digest,
        report =>
        {
            report["buildType"] = result.BuildType;
            report["builderId"] = result.BuilderId;
        },
        $"  built by {result.BuilderId} as {result.BuildType}");

    /// <summary>A rebuild statement (SLSA verification summary or Verbatim rebuild predicate): verified when signed and about this artifact, whatever result it states.</summary>
    private int ReportRebuild(RebuildStatementVerification result, string keyId, string digest) => Report(
        result.Valid, result.Reason, result.MatchedSubject?.Name, keyId, digest,
        report =>
        {
            report["kind"] = result.Kind;
            report["result"] = result.Result;
            report["verifier"] = result.Verifier;
        },
        result.Kind == "verification-summary"
            ? $"  SLSA verification summary by {result.Verifier}: {result.Result}"
            : $"  rebuild by {result.Verifier}: {result.Result}");

    /// <summary>
    /// Writes the JSON report (the common members and the statement's own, added by <paramref name="addMembers"/>) when
    /// asked, then the verdict: exit 1 with the reason when not verified, else the verified lines ending with
    /// <paramref name="statementLine"/> (unless the report went to standard output).
    /// </summary>
    private int Report(bool verified, string? reason, string? subject, string keyId, string digest, Action<JsonObject> addMembers, string statementLine)
    {
        try
        {
            if (Json is not null)
            {
                var report = Report(verified, reason, keyId, digest, subject);
                addMembers(report);
                Emit(report);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot write {Json}: {e.Message}");
        }

        if (!verified)
        {
            Stderr.WriteLine($"{Name}: not verified: {reason}");
            return ExitCodes.Different;
        }

        if (Json != "-")
        {
            Stdout.WriteLine($"verified: {ArtifactPath} (sha256:{digest}) is subject '{subject}' of {EnvelopePath}");
            Stdout.WriteLine($"  signed by key {keyId}");
            Stdout.WriteLine(statementLine);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The members every verification report has; those that do not apply (reason when verified, subject… when not) are null and left out.</summary>
    private JsonObject Report(bool verified, string? reason, string keyId, string digest, string? subject) => new()
    {
        ["verified"] = verified,
        ["reason"] = reason,
        ["envelope"] = EnvelopePath,
        ["artifact"] = ArtifactPath,
        ["sha256"] = digest,
        ["keyId"] = keyId,
        ["subject"] = subject,
    };

    /// <summary>Writes the report canonical and indented: to standard output for <c>--json -</c>, else atomically to the file.</summary>
    private void Emit(JsonObject report)
    {
        var text = CanonicalJson.ToText(report, CanonicalJsonStyle.Indented);
        if (Json == "-")
        {
            Stdout.Write(text);
        }
        else
        {
            AtomicWrite.Text(Json!, text);
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
