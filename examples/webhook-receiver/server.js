import express from 'express';
import { Webhook } from 'standardwebhooks';

const wh = new Webhook(process.env.MIR_WEBHOOK_SECRET); // the whsec_… from registration
const app = express();
app.post('/mir', express.text({ type: 'application/json' }), (req, res) => {
  let event;
  try {
    event = wh.verify(req.body, req.headers); // signature and timestamp
  } catch {
    return res.status(400).send('bad signature');
  }
  console.log(event.type, JSON.stringify(event.data), req.headers['webhook-id']); // dedupe on webhook-id
  res.sendStatus(204);
});
const port = Number(process.env.PORT ?? 4000);
app.listen(port, () => console.log(`listening on ${port}`));
