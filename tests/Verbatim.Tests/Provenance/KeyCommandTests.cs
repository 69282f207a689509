using Verbatim.Provenance;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Provenance;

public class KeyCommandTests
{
    [Fact]
    public void Generate_writes_a_private_key_only_the_owner_can_read_and_a_public_key()
    {
        using var dir = new TempDir();
        var prefix = dir.File("signer");
        var (code, stdout, stderr) = ProvenanceCli.Run("key", "generate", "--out", prefix);
        Assert.True(code == 0, stderr);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(prefix + ".key"), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(prefix + ".pub"), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));

        using var key = SigningKey.LoadPrivatePem(prefix + ".key");
        Assert.Equal(key.KeyId, VerificationKey.LoadPublicPem(prefix + ".pub").KeyId);
        Assert.Contains($"key id: {key.KeyId}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_keys_are_readable_by_openssl()
    {
        using var dir = new TempDir();
        var prefix = dir.File("signer");
        Assert.Equal(0, ProvenanceCli.Run("key", "generate", "--out", prefix).Code);
        Assert.Contains("ASN1 OID: prime256v1", Diff.Exec("openssl", $"pkey -in {prefix}.key -noout -text"), StringComparison.Ordinal);
        Assert.Contains("ASN1 OID: prime256v1", Diff.Exec("openssl", $"pkey -pubin -in {prefix}.pub -noout -text"), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_refuses_to_overwrite_without_force()
    {
        using var dir = new TempDir();
        var prefix = dir.File("signer");
        var existing = dir.Write("signer.pub", "keep me");
        var (code, _, stderr) = ProvenanceCli.Run("key", "generate", "--out", prefix);
        Assert.Equal(2, code);
        Assert.Contains("signer.pub exists; pass --force to replace it", stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.False(File.Exists(prefix + ".key"));

        Assert.Equal(0, ProvenanceCli.Run("key", "generate", "--out", prefix, "--force").Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));
    }

    [Fact]
    public void Generate_into_a_missing_directory_is_an_input_error()
    {
        using var dir = new TempDir();
        var (code, _, stderr) = ProvenanceCli.Run("key", "generate", "--out", dir.File("no/such/dir/k"));
        Assert.Equal(2, code);
        Assert.StartsWith("verbatim key generate: cannot write the key", stderr, StringComparison.Ordinal);
    }
}
