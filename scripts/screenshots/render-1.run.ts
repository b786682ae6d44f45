import { renderShard } from './render.run';

renderShard(0, 2);
