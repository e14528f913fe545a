import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { TRAINING } from '../src/decide/model.js';
import { modelOf, train } from '../src/decide/train.js';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { isTrainingSet, readCorpus } from './corpus.js';
import { questionFiles } from './sets.js';

// npm run train: reads every labelled set but the shared dev sets, trains the scope classifier and the
// decision model, and writes knowledge/decision-model.yaml. Deterministic: the same sets and knowledge
// give the same file (the clock is pinned to the date the labels were written for).

export const MODEL_PATH = fileURLToPath(new URL('../knowledge/decision-model.yaml', import.meta.url));

/** The model file's content for the knowledge in `dir` and the labelled sets. */
export async function trainedModel(dir = fileURLToPath(new URL('../knowledge/', import.meta.url))) {
  // The model being replaced may be stale (trained on other features): it takes no part in training.
  const loaded = await loadKnowledgeDir(dir, process.cwd(), { ignore: (path) => path === MODEL_PATH });
  if (!loaded.ok) throw new Error('the knowledge does not load: run npm run kb:check');
  const files = questionFiles().filter(isTrainingSet);
  const corpus = readCorpus(loaded.kb, new Date(`${TRAINING.today}T12:00:00Z`), files);
  const rows = corpus.map((c) => c.row);
  return modelOf(
    train(rows),
    files.map((f) => f.name),
    rows,
  );
}

const HEADER = `# Written by \`npm run train\`: do not edit by hand. The learnt decision: the weights of a logistic
# regression that estimates how likely an answer is right, the threshold below which the bot asks back,
# and the component classifiers' counts. Retrain after changing the knowledge or a labelled set.
`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const model = await trainedModel();
  writeFileSync(MODEL_PATH, HEADER + stringify({ decisionModel: model }, { lineWidth: 0 }));
  console.log(
    `trained on ${model.trainedOn.messages} messages (${model.trainedOn.answered} answered) from ${model.trainedOn.sets.length} sets in ${Date.now() - started} ms; threshold ${model.threshold}; wrote ${MODEL_PATH}`,
  );
}
