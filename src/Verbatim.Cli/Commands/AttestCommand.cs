using System.CommandLine;

namespace Verbatim.Cli.Commands;

/// <summary>
/// <c>verbatim attest verify --key PUB --artifact FILE ENVELOPE</c>: check a DSSE-signed SLSA provenance statement
/// against a public key and an artifact.
/// </summary>
public static class AttestCommand
{
    public static Command Create(CliContext cli)
    {
        var key = new Option<string>("--key") { Description = "The signer's public key (PEM).", HelpName = "PUB", Required = true };
        var artifact = new Option<string>("--artifact") { Description = "The file the provenance must be about.", HelpName = "FILE", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the result as JSON to FILE ('-' for stdout).", HelpName = "FILE" };
        var envelope = new Argument<string>("ENVELOPE") { Description = "The DSSE envelope (e.g. provenance.dsse.json)." };
        var verify = new Command("verify", "Check an envelope's signature, that FILE is one of its subjects, and the statement's shape. Exit 0 verified, 1 not verified, 2 usage or unreadable input.")
        {
            key, artifact, json, envelope,
        };
        verify.SetAction(parse => new AttestVerification(
            parse.GetValue(key)!, parse.GetValue(artifact)!, parse.GetValue(envelope)!, parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).Run());

        return new Command("attest", "Check signed provenance.") { verify };
    }
}
