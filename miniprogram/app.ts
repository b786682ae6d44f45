import { TRANSPORT } from './config';
import { initCloud } from './services/transport';
import { installPrivacyHandler } from './utils/privacy';

App({
  onLaunch() {
    if (TRANSPORT === 'cloud') initCloud();
    installPrivacyHandler();
  },
});
