import { TRANSPORT } from './config';
import { initCloud } from './services/transport';
import { installPrivacyHandler } from './utils/privacy';
import { applyAccountPrefs } from './utils/prefs-sync';

App({
  onLaunch() {
    if (TRANSPORT === 'cloud') initCloud();
    installPrivacyHandler();
    void applyAccountPrefs();
  },
});
