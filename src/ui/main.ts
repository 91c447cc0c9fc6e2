// The app's entry: styles, then the page.
import './theme.css';
import './app.css';
import { App } from './app';

new App(document.getElementById('app')!);
