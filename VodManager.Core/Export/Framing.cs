using System.Globalization;

namespace VodManager.Core.Export;

/// <summary>
/// How a wide frame becomes a tall one. Written as "center", "x=0.30" (the crop window's centre as a fraction of the
/// frame's width, e.g. where the face is) or "blur"; the text form is what the CLI takes and what the VOD records.
/// </summary>
public readonly record struct Framing(FramingKind Kind, double X)
{
    public static readonly Framing Center = new(FramingKind.Crop, 0.5);

    public static readonly Framing Blur = new(FramingKind.Blur, 0.5);

    public static Framing At(double x) =>
        double.IsFinite(x) && x is >= 0 and <= 1
            ? new Framing(FramingKind.Crop, Math.Round(x, 2))
            : throw new ExportException($"Framing position x={x.ToString(CultureInfo.InvariantCulture)} is outside 0..1 (0 = left edge, 1 = right edge).");

    /// <summary>Parses "center", "blur" or "x=0.3"; anything else is an <see cref="ExportException"/> that lists the forms.</summary>
    public static Framing Parse(string? text)
    {
        var value = (text ?? "").Trim().ToLowerInvariant();
        if (value is "" or "center" or "centre")
        {
            return Center;
        }

        if (value == "blur")
        {
            return Blur;
        }

        if (value.StartsWith("x=", StringComparison.Ordinal)
            && double.TryParse(value[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
        {
            return At(x);
        }

        throw new ExportException($"Framing '{text}' is not one of: center, blur, x=<0..1> (e.g. x=0.3).");
    }

    public override string ToString() => Kind == FramingKind.Blur ? "blur"
        : Math.Abs(X - 0.5) < 0.005 ? "center"
        : "x=" + X.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The crop window (even sizes) that gives the output's aspect ratio out of a source frame, centred on <see cref="X"/> as far as the frame allows.</summary>
    public CropWindow CropFor(int sourceWidth, int sourceHeight, int outputWidth, int outputHeight)
    {
        var targetAspect = (double)outputWidth / outputHeight;
        var width = Math.Min(sourceWidth, Even(sourceHeight * targetAspect));
        var height = Math.Min(sourceHeight, Even(width / targetAspect));
        var left = Math.Clamp(X * sourceWidth - width / 2.0, 0, sourceWidth - width);
        return new CropWindow(width, height, (int)Math.Round(left), (sourceHeight - height) / 2);
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}
