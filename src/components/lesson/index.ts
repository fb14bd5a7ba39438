import Chart from '../charts/Chart.astro';
import LiveChart from '../charts/LiveChart.astro';
import Callout from './Callout.astro';
import CheckYourself from '../quiz/CheckYourself.astro';
import ChartPlaceholder from './ChartPlaceholder.astro';
import CoreIdeas from './CoreIdeas.astro';
import Exercise from './Exercise.astro';
import ExplorerTask from './ExplorerTask.astro';
import Figure from './Figure.astro';
import KeyTakeaways from './KeyTakeaways.astro';
import MarginNote from './MarginNote.astro';
import MiniProject from './MiniProject.astro';
import Predict from './Predict.astro';
import Ref from './Ref.astro';
import Solution from './Solution.astro';

/**
 * The lesson vocabulary, handed to every MDX lesson by the lesson page so authors never write
 * imports and every lesson shares one copy of each component.
 */
export const lessonComponents = {
  Callout,
  CheckYourself,
  Chart,
  ChartPlaceholder,
  CoreIdeas,
  Exercise,
  ExplorerTask,
  Figure,
  KeyTakeaways,
  LiveChart,
  MarginNote,
  MiniProject,
  Predict,
  Ref,
  Solution,
};
