namespace ProfileHub.Bench.Ingest;

/// <summary>
/// Pairwise precision, recall and F1 of a clustering against the truth, over items: a pair of
/// items in the same predicted cluster is a true positive when they also share a true cluster.
/// Computed from the contingency table (counts per predicted × true cluster), never over pairs.
/// </summary>
public sealed record PairwiseScore(double Precision, double Recall, double F1, long PredictedPairs, long TruePairs, long CorrectPairs)
{
    /// <summary>Scores <paramref name="items"/>, each given as (predicted cluster, true cluster).</summary>
    public static PairwiseScore Compute<TPredicted, TTruth>(IEnumerable<(TPredicted Predicted, TTruth Truth)> items)
        where TPredicted : notnull
        where TTruth : notnull
    {
        var cells = new Dictionary<(TPredicted, TTruth), long>();
        var predictedSizes = new Dictionary<TPredicted, long>();
        var trueSizes = new Dictionary<TTruth, long>();
        foreach (var (predicted, truth) in items)
        {
            cells[(predicted, truth)] = cells.GetValueOrDefault((predicted, truth)) + 1;
            predictedSizes[predicted] = predictedSizes.GetValueOrDefault(predicted) + 1;
            trueSizes[truth] = trueSizes.GetValueOrDefault(truth) + 1;
        }

        var correct = cells.Values.Sum(Pairs);
        var predictedPairs = predictedSizes.Values.Sum(Pairs);
        var truePairs = trueSizes.Values.Sum(Pairs);
        var precision = predictedPairs == 0 ? 1.0 : (double)correct / predictedPairs;
        var recall = truePairs == 0 ? 1.0 : (double)correct / truePairs;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new PairwiseScore(precision, recall, f1, predictedPairs, truePairs, correct);
    }

    private static long Pairs(long n) => n * (n - 1) / 2;
}
