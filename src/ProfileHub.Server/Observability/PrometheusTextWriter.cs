using System.Globalization;
using System.Text;

namespace ProfileHub.Server.Observability;

/// <summary>Prometheus text exposition format 0.0.4: <c># HELP</c>, <c># TYPE</c> and sample lines.</summary>
internal sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public void Family(string name, MetricKind kind, string? help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(PrometheusNames.EscapeHelp(string.IsNullOrEmpty(help) ? name : help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
    }

    /// <summary>A series; histograms become cumulative <c>_bucket{le}</c> lines, <c>_sum</c> and <c>_count</c>.</summary>
    public void Series(string family, SeriesSnapshot series)
    {
        if (series.Bounds is null || series.BucketCounts is null)
        {
            Sample(family, series.Labels, series.Value);
            return;
        }

        long cumulative = 0;
        for (var i = 0; i < series.Bounds.Count; i++)
        {
            cumulative += series.BucketCounts[i];
            Bucket(family, series.Labels, FormatValue(series.Bounds[i]), cumulative);
        }

        cumulative += series.BucketCounts[^1];
        Bucket(family, series.Labels, "+Inf", cumulative);
        Sample(family + "_sum", series.Labels, series.Value);
        // _count equals the +Inf bucket by definition; taking it from the same snapshot keeps them consistent.
        Sample(family + "_count", series.Labels, cumulative);
    }

    public void Sample(string name, LabelSet labels, double value)
    {
        _text.Append(name);
        AppendLabels(labels, null);
        _text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    public void Bucket(string family, LabelSet labels, string upperBound, long cumulativeCount)
    {
        _text.Append(family).Append("_bucket");
        AppendLabels(labels, upperBound);
        _text.Append(' ').Append(cumulativeCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    public static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    public override string ToString() => _text.ToString();

    private void AppendLabels(LabelSet labels, string? upperBound)
    {
        if (labels.Labels.Count == 0 && upperBound is null)
        {
            return;
        }

        _text.Append('{');
        var first = true;
        foreach (var (key, value) in labels.Labels)
        {
            if (!first)
            {
                _text.Append(',');
            }

            _text.Append(key).Append("=\"").Append(PrometheusNames.EscapeLabelValue(value)).Append('"');
            first = false;
        }

        if (upperBound is not null)
        {
            _text.Append(first ? string.Empty : ",").Append("le=\"").Append(upperBound).Append('"');
        }

        _text.Append('}');
    }
}
