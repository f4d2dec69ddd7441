import { Agent, setGlobalDispatcher } from 'undici';

/**
 * The tests' fetch drops an idle connection after 1 s, well before the API closes it (its
 * keep-alive is 5 s): with both at 5 s, a request sent on a socket the API was closing that very
 * moment failed with "other side closed" before the API saw it, which a loaded machine made common.
 */
setGlobalDispatcher(new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 1_000 }));
