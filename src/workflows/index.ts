export { rotateKeyWorkflow } from './rotate-key';
export { smokeWorkflow } from './smoke';
