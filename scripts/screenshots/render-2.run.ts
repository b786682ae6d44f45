import { renderShard } from './render.run';

renderShard(1, 2);
