using System.Globalization;

namespace Verbatim.Common.Json;

/// <summary>
/// Writes a JSON number canonically: integers that fit 64 bits exactly as written; anything else as the
/// ECMAScript shortest form of its IEEE double (the RFC 8785 rule), e.g. <c>1.5</c>, <c>1e+21</c>, <c>1e-7</c>.
/// </summary>
public static class CanonicalNumber
{
    public static string Format(string jsonNumber)
    {
        if (long.TryParse(jsonNumber, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        if (ulong.TryParse(jsonNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
        {
            return unsigned.ToString(CultureInfo.InvariantCulture);
        }

        var value = double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"the number {jsonNumber} cannot be written as a finite JSON number");
        }

        return FormatDouble(value);
    }

    private static string FormatDouble(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var sign = value < 0 ? "-" : "";
        var (digits, point) = Decompose(Math.Abs(value));
        var k = digits.Length;
        var n = point;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The shortest round-trip significant digits of a positive double, and where the decimal point falls.</summary>
    private static (string Digits, int Point) Decompose(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        var all = integerPart + fraction;
        var point = integerPart.Length + exponent;
        var start = 0;
        while (start < all.Length - 1 && all[start] == '0')
        {
            start++;
            point--;
        }

        var digits = all[start..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, point);
    }
}
