import ArgumentParser
import ImmunoKit

@main
struct ImmunoKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "immunokit",
        abstract: "Machine learning for cancer immunotherapy: cohorts, biomarkers, validated models.",
        discussion: """
            Exit codes: 0 success, 64 bad usage, 65 bad input data, 70 internal failure.

            Examples:
              immunokit demo
              immunokit simulate --patients 1000 --seed 7 --output synthetic
              immunokit inspect ../shared/data/cohorts/riaz2017
              immunokit convert Chowell_train.csv --output msk
              immunokit train msk --outcome response --model logistic --out model.json
              immunokit validate model.json new_site --out report
              immunokit score ../shared/data/cohorts/riaz2017 --signatures CYT,GEP_18 --out scores.tsv
              immunokit signatures
              immunokit deconvolve ../shared/data/cohorts/riaz2017 --method quantiseq --out fractions.tsv
              immunokit tmb data_mutations.maf --panel-size 1.22 --out tmb.tsv
              immunokit discover cohort --outcome os --features TMB,Albumin,NLR --out associations.tsv
              immunokit explain model.json cohort --out shap.tsv
            """,
        version: "0.1.0",
        subcommands: [DemoCommand.self, SimulateCommand.self, InspectCommand.self, ConvertCommand.self,
                      TrainCommand.self, PredictCommand.self, EvaluateCommand.self, ValidateCommand.self, RecalibrateCommand.self, ReportCommand.self, ScoreCommand.self, SignaturesCommand.self,
                      DeconvolveCommand.self, TMBCommand.self, DiscoverCommand.self, ExplainCommand.self,
                      EffectsCommand.self, RecommendCommand.self, DosingCommand.self]
    )
}
