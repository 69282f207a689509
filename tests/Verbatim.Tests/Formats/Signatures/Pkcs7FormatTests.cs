using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Signatures;

public class Pkcs7FormatTests
{
    [Fact]
    public void A_detached_signature_reads_as_its_certificates_and_signed_digests()
    {
        using var dir = new TempDir();
        foreach (var who in new[] { "one", "two" })
        {
            Diff.Exec("openssl", $"req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout {dir.File(who + ".key")} -out {dir.File(who + ".crt")} -subj /CN=Signer-{who} -days 30");
            dir.Write(who + ".txt", $"content signed by {who}\n");
            Diff.Exec("openssl", $"cms -sign -binary -in {dir.File(who + ".txt")} -signer {dir.File(who + ".crt")} -inkey {dir.File(who + ".key")} -outform DER -out {dir.File(who + ".p7s")}");
        }

        var result = Diff.Run(dir.File("one.p7s"), dir.File("two.p7s"));
        Assert.Equal("pkcs7", result.Root!.Format);
        var text = result.Root.All().Single(d => d.Kind == DifferenceKind.Text);
        Assert.Equal("signature", text.Field);
        Assert.Contains("-certificate 1: CN=Signer-one\n", text.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+certificate 1: CN=Signer-two\n", text.UnifiedDiff, StringComparison.Ordinal);
        Assert.Matches(@"\n-  serial: [0-9a-f]+\n", text.UnifiedDiff);
        Assert.Matches(@"\n[- ]  valid: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC to ", text.UnifiedDiff);
        Assert.Matches(@"\n-  signed attribute message digest \(1\.2\.840\.113549\.1\.9\.4\): [0-9a-f]{64}\n", text.UnifiedDiff);
        Assert.Contains("signed content: data (1.2.840.113549.1.7.1)", text.UnifiedDiff, StringComparison.Ordinal);
    }
}
